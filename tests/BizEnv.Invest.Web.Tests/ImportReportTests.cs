using System.Net;
using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Text.Json;
using BizEnv.Invest.Testing;

namespace BizEnv.Invest.Web.Tests;

/// <summary>The import report leaves the API whole — the header row and the notes (how a value was read, a column not imported) — in the user's language.</summary>
public sealed class ImportReportTests(InvestWebFactory web) : IClassFixture<InvestWebFactory>
{
    private static readonly byte[] Sheet = new TestWorkbook()
        .MergedTitle("历史遗留承诺", 5)
        .Row("项目编号", "承诺类型", "承诺内容", "承诺金额（万元）", "承诺日期", "兑现期限", "承诺人", "备注")
        .Row("HC-1999-0001", "补贴奖励", "设备补助", 120, "2016-03-05", "2017-06-30", "张三", "档案第 3 卷")
        .Bytes();

    [Fact]
    public async Task The_report_carries_the_header_row_the_notes_and_the_errors_in_chinese_and_in_english()
    {
        var integrity = await web.SignedInAs("integrity");
        try
        {
            var zh = await Import(integrity);
            zh.GetProperty("headerRow").GetInt32().ShouldBe(2);
            zh.GetProperty("rows").GetInt32().ShouldBe(1);
            Lines(zh, "errors").ShouldBe([(3, "项目编号", "项目编号 HC-1999-0001 不存在，请先登记项目。")]);
            Lines(zh, "notes").ShouldBe([(2, "备注", "未识别的列“备注”，该列内容未导入。"), (3, "承诺金额（万元）", "“120”按表头单位万元读作 1,200,000 元。")]);

            (await integrity.Send(HttpMethod.Put, "/api/v1/me/language", new { language = "en-US" })).StatusCode.ShouldBe(HttpStatusCode.NoContent);
            var en = await Import(integrity);
            Lines(en, "notes").ShouldBe([
                (2, "备注", "The column \"备注\" is not one this import knows; its values were not imported."),
                (3, "承诺金额（万元）", "\"120\" read in the header's unit, × 10,000 yuan (万元), as 1,200,000 yuan.")]);
        }
        finally
        {
            await integrity.Send(HttpMethod.Put, "/api/v1/me/language", new { language = "zh-CN" });
        }
    }

    private static async Task<JsonElement> Import(ApiClient client)
    {
        var file = new ByteArrayContent(Sheet);
        file.Headers.ContentType = new MediaTypeHeaderValue("application/vnd.openxmlformats-officedocument.spreadsheetml.sheet");
        var response = await client.Http.PostAsync("/api/v1/remediation/import", new MultipartFormDataContent { { file, "file", "历史承诺.xlsx" } });
        response.StatusCode.ShouldBe(HttpStatusCode.OK);
        return await response.Content.ReadFromJsonAsync<JsonElement>();
    }

    private static List<(int, string, string)> Lines(JsonElement report, string name) =>
        report.GetProperty(name).EnumerateArray()
            .Select(e => (e.GetProperty("row").GetInt32(), e.GetProperty("column").GetString()!, e.GetProperty("message").GetString()!)).ToList();
}
