using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using BizEnv.Invest.Infrastructure.Xlsx;
using BizEnv.Invest.Testing;

namespace BizEnv.Invest.Web.Tests;

/// <summary>Files leave the API as streamed attachments: exports as .xlsx, evidence under its own (Chinese) name.</summary>
public sealed class DownloadTests(InvestWebFactory web) : IClassFixture<InvestWebFactory>
{
    [Fact]
    public async Task An_export_downloads_as_an_xlsx_attachment_that_reads_back_whole()
    {
        var admin = await web.SignedInAs("admin");

        var response = await admin.Http.GetAsync("/api/v1/audit/export?action=SignIn");

        response.StatusCode.ShouldBe(HttpStatusCode.OK);
        response.Content.Headers.ContentType!.MediaType.ShouldBe("application/vnd.openxmlformats-officedocument.spreadsheetml.sheet");
        var disposition = response.Content.Headers.ContentDisposition!;
        disposition.DispositionType.ShouldBe("attachment");
        disposition.FileNameStar.ShouldStartWith("audit-log-");
        var sheet = new XlsxReader().Read(await response.Content.ReadAsByteArrayAsync()).DataOnly();
        sheet.Rows.ShouldNotBeEmpty();
        sheet.Rows.ShouldAllBe(r => r.Cell(4) == "登录" || r.Cell(4) == "Sign in");
    }

    [Fact]
    public async Task Evidence_with_a_chinese_name_downloads_under_that_name_byte_for_byte()
    {
        var officer = await web.SignedInAs("officer");
        var investor = await Created(await officer.Send(HttpMethod.Post, "/api/v1/investors/", new
        {
            name = "下载测试有限公司", ownership = "Private", isFortune500 = false, isChina500 = false, contacts = Array.Empty<object>(), linkedOfficerIds = Array.Empty<Guid>(),
        }));
        var project = await Created(await officer.Send(HttpMethod.Post, "/api/v1/projects/", new
        {
            investorId = investor, name = "下载测试项目", plannedInvestment = 100000000, keyLevel = "None", stageDate = "2026-11-02",
        }));
        var bytes = "%PDF-1.4 投资协议"u8.ToArray();
        var form = new MultipartFormDataContent();
        var content = new ByteArrayContent(bytes);
        content.Headers.ContentType = new System.Net.Http.Headers.MediaTypeHeaderValue("application/pdf");
        form.Add(content, "file", "投资协议（盖章版）.pdf");
        var uploaded = await officer.Http.PostAsync($"/api/v1/projects/{project}/files", form);
        uploaded.StatusCode.ShouldBe(HttpStatusCode.OK, await uploaded.Content.ReadAsStringAsync());
        var file = (await uploaded.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("id").GetGuid();

        var response = await officer.Http.GetAsync($"/api/v1/projects/{project}/files/{file}");

        response.StatusCode.ShouldBe(HttpStatusCode.OK);
        response.Content.Headers.ContentType!.MediaType.ShouldBe("application/pdf");
        response.Content.Headers.ContentDisposition!.FileNameStar.ShouldBe("投资协议（盖章版）.pdf");
        (await response.Content.ReadAsByteArrayAsync()).ShouldBe(bytes);
    }

    private static async Task<Guid> Created(HttpResponseMessage response)
    {
        response.StatusCode.ShouldBe(HttpStatusCode.Created, await response.Content.ReadAsStringAsync());
        return (await response.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("id").GetGuid();
    }
}
