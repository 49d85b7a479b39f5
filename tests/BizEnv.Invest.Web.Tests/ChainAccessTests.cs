using System.Net;
using System.Net.Http.Json;
using System.Text.Json;

namespace BizEnv.Invest.Web.Tests;

/// <summary>The chain map over the demo data: who reads it, who edits which chain, and how a refusal reads.</summary>
public sealed class ChainAccessTests(InvestWebFactory web) : IClassFixture<InvestWebFactory>
{
    private static async Task<JsonElement> Chain(ApiClient client, string name)
    {
        var chains = await client.Http.GetFromJsonAsync<JsonElement[]>("/api/v1/chains");
        return chains!.Single(c => c.GetProperty("name").GetString() == name);
    }

    private static object NewNode(string name) => new { name, industryCodes = new[] { "C3849" }, segment = "Midstream", isExtension = false };

    [Fact]
    public async Task Leaders_read_the_three_demo_chains_and_only_a_chains_editors_change_it()
    {
        var leader = await web.SignedInAs("leader");
        var chains = await leader.Http.GetFromJsonAsync<JsonElement[]>("/api/v1/chains");
        chains!.Select(c => c.GetProperty("name").GetString()).ShouldBe(["生物医药", "新能源汽车", "高端装备制造"], ignoreOrder: true);
        var nev = (await Chain(leader, "新能源汽车")).GetProperty("id").GetGuid();
        var graph = await leader.Http.GetFromJsonAsync<JsonElement>($"/api/v1/chains/{nev}");
        graph.GetProperty("nodes").GetArrayLength().ShouldBeInRange(12, 20);
        graph.GetProperty("canEdit").GetBoolean().ShouldBeFalse();
        (await leader.Send(HttpMethod.Post, $"/api/v1/chains/{nev}/nodes", NewNode("固态电池"))).StatusCode.ShouldBe(HttpStatusCode.Forbidden);

        // The demo officer is designated for 新能源汽车 only; officer2 for none.
        var officer = await web.SignedInAs("officer");
        (await officer.Http.GetFromJsonAsync<JsonElement>($"/api/v1/chains/{nev}")).GetProperty("canEdit").GetBoolean().ShouldBeTrue();
        var added = await officer.Send(HttpMethod.Post, $"/api/v1/chains/{nev}/nodes", NewNode("固态电池"));
        added.StatusCode.ShouldBe(HttpStatusCode.Created, await added.Content.ReadAsStringAsync());
        var equipment = (await Chain(officer, "高端装备制造")).GetProperty("id").GetGuid();
        var refused = await officer.Send(HttpMethod.Post, $"/api/v1/chains/{equipment}/nodes", NewNode("固态电池"));
        refused.StatusCode.ShouldBe(HttpStatusCode.Forbidden);
        (await ApiClient.Problem(refused)).GetProperty("code").GetString().ShouldBe("chain.not_editor");
        var officer2 = await web.SignedInAs("officer2");
        (await officer2.Send(HttpMethod.Post, $"/api/v1/chains/{nev}/nodes", NewNode("钠离子电池"))).StatusCode.ShouldBe(HttpStatusCode.Forbidden);

        (await (await web.SignedInAs("park")).Http.GetAsync("/api/v1/chains")).StatusCode.ShouldBe(HttpStatusCode.Forbidden);
    }

    [Fact]
    public async Task An_edge_that_would_close_a_loop_is_a_400_naming_the_edge_and_the_loop()
    {
        var officer = await web.SignedInAs("officer");
        var nev = (await Chain(officer, "新能源汽车")).GetProperty("id").GetGuid();
        var nodes = (await officer.Http.GetFromJsonAsync<JsonElement>($"/api/v1/chains/{nev}")).GetProperty("nodes").EnumerateArray()
            .ToDictionary(n => n.GetProperty("name").GetString()!, n => n.GetProperty("id").GetGuid());

        var response = await officer.Send(HttpMethod.Post, $"/api/v1/chains/{nev}/edges",
            new { fromNodeId = nodes["动力电池回收"], toNodeId = nodes["锂资源开发"] });
        response.StatusCode.ShouldBe(HttpStatusCode.BadRequest);
        var problem = await ApiClient.Problem(response);
        problem.GetProperty("code").GetString().ShouldBe("chain.edge_cycle");
        problem.GetProperty("title").GetString().ShouldBe(
            "不能添加“动力电池回收 → 锂资源开发”：会形成循环 动力电池回收 → 锂资源开发 → 正极材料 → 动力电芯 → 电池模组与PACK → 新能源整车 → 动力电池回收。产业链的供应关系必须无环。");
    }

    [Fact]
    public async Task The_demo_report_shows_the_motor_gap_closed_by_a_signed_target_and_exports_to_xlsx()
    {
        var leader = await web.SignedInAs("leader");
        var nev = (await Chain(leader, "新能源汽车")).GetProperty("id").GetGuid();
        var report = await leader.Http.GetFromJsonAsync<JsonElement>($"/api/v1/chains/{nev}/report?from=2026-01-01&to=2026-11-20");
        var motors = report.GetProperty("rows").EnumerateArray().Single(r => r.GetProperty("nodeName").GetString() == "驱动电机");
        (motors.GetProperty("statusAtStart").GetString(), motors.GetProperty("statusAtEnd").GetString(), motors.GetProperty("gapClosed").GetBoolean())
            .ShouldBe(("Missing", "Weak", true));
        motors.GetProperty("targetsSigned").GetInt32().ShouldBe(1);
        report.GetProperty("signedByLabel").GetProperty("Fill").GetInt32().ShouldBe(1);

        var file = await leader.Http.GetAsync($"/api/v1/chains/{nev}/report/export?from=2026-01-01&to=2026-11-20");
        file.StatusCode.ShouldBe(HttpStatusCode.OK);
        file.Content.Headers.ContentType!.MediaType.ShouldBe("application/vnd.openxmlformats-officedocument.spreadsheetml.sheet");
        var sheet = new BizEnv.Invest.Infrastructure.Xlsx.XlsxReader().Read(await file.Content.ReadAsByteArrayAsync());
        sheet.Rows.ShouldContain(r => r.Cell(2) == "驱动电机" && r.Cell(3) == "缺失" && r.Cell(4) == "弱" && r.Cell(7) == "是");

        var refused = await leader.Http.GetAsync($"/api/v1/chains/{nev}/report?from=2026-12-01&to=2026-11-20");
        refused.StatusCode.ShouldBe(HttpStatusCode.BadRequest);
    }
}
