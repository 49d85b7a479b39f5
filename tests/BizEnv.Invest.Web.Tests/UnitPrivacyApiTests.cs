using System.Net;
using System.Net.Http.Json;
using System.Text.Json;

namespace BizEnv.Invest.Web.Tests;

/// <summary>
/// Unit privacy through the API: 招商一处's internal notes and its private contact never appear in the
/// investor JSON that 招商二处 (officer2) receives; the integrity office gets them labelled by unit; bad
/// input is a 400 that changes nothing.
/// </summary>
public sealed class UnitPrivacyApiTests(InvestWebFactory web) : IClassFixture<InvestWebFactory>
{
    private const string Note = "内部评估：谨慎推进，勿外传。";

    [Fact]
    public async Task Another_units_officer_gets_no_private_data_in_the_investor_json_and_the_integrity_office_gets_it_labelled()
    {
        var owner = await web.SignedInAs("officer");
        var investor = await CrmUnitIsolationTests.Created(await owner.Send(HttpMethod.Post, "/api/v1/investors/", new
        {
            name = $"隐私接口{Guid.NewGuid():N}"[..10] + "有限公司", creditCode = CrmUnitIsolationTests.ValidCode(), ownership = "Private",
            isFortune500 = false, isChina500 = false, linkedOfficerIds = Array.Empty<Guid>(),
            contacts = new object[] { new { name = "公开联系人", phone = "13800000000" }, new { name = "内线李总", phone = "13911112222", onlyOurUnit = true } },
        }));
        var note = await owner.Send(HttpMethod.Put, $"/api/v1/investors/{investor}/unit-note", new { body = Note, version = 0 });
        note.StatusCode.ShouldBe(HttpStatusCode.OK, await note.Content.ReadAsStringAsync());

        var stranger = await web.SignedInAs("officer2");
        var json = await stranger.Http.GetStringAsync($"/api/v1/investors/{investor}");
        json.ShouldContain("公开联系人");
        json.ShouldNotContain("内线李总");
        json.ShouldNotContain("13911112222");
        json.ShouldNotContain("勿外传");
        var seen = JsonDocument.Parse(json).RootElement;
        seen.GetProperty("unitNotes").GetArrayLength().ShouldBe(0);
        seen.GetProperty("contacts").GetArrayLength().ShouldBe(1);

        var integrity = await (await web.SignedInAs("integrity")).Http.GetFromJsonAsync<JsonElement>($"/api/v1/investors/{investor}");
        var labelled = integrity.GetProperty("unitNotes").EnumerateArray().Single();
        (labelled.GetProperty("unitName").GetString(), labelled.GetProperty("body").GetString()).ShouldBe(("招商一处", Note));
        integrity.GetProperty("contacts").EnumerateArray().Single(c => c.GetProperty("name").GetString() == "内线李总")
            .GetProperty("privateToUnitName").GetString().ShouldBe("招商一处");

        // officer2 may not mark 招商一处's contact (403); a contact it cannot see is simply not there.
        var contactId = integrity.GetProperty("contacts")[0].GetProperty("id").GetGuid();
        (await stranger.Send(HttpMethod.Put, $"/api/v1/investors/{investor}/contacts/{contactId}/privacy", new { onlyOurUnit = true }))
            .StatusCode.ShouldBe(HttpStatusCode.Forbidden);
    }

    [Fact]
    public async Task A_note_too_long_or_the_retired_shared_notes_field_is_a_400_and_nothing_changes()
    {
        var owner = await web.SignedInAs("officer");
        var investor = await CrmUnitIsolationTests.Created(await owner.Send(HttpMethod.Post, "/api/v1/investors/", new
        {
            name = $"隐私校验{Guid.NewGuid():N}"[..10] + "有限公司", creditCode = CrmUnitIsolationTests.ValidCode(), ownership = "Private",
            isFortune500 = false, isChina500 = false, linkedOfficerIds = Array.Empty<Guid>(), contacts = Array.Empty<object>(),
        }));
        (await owner.Send(HttpMethod.Put, $"/api/v1/investors/{investor}/unit-note", new { body = Note, version = 0 })).StatusCode.ShouldBe(HttpStatusCode.OK);

        var tooLong = await owner.Send(HttpMethod.Put, $"/api/v1/investors/{investor}/unit-note", new { body = new string('长', 2001), version = 1 });
        tooLong.StatusCode.ShouldBe(HttpStatusCode.BadRequest);
        (await ApiClient.Problem(tooLong)).GetRawText().ShouldContain("2000");
        // The old shared notes are gone from the firm itself: the field is refused, not silently dropped.
        (await owner.Send(HttpMethod.Post, "/api/v1/investors/", new
        {
            name = "旧字段有限公司", ownership = "Private", isFortune500 = false, isChina500 = false, notes = "共享备注",
            linkedOfficerIds = Array.Empty<Guid>(), contacts = Array.Empty<object>(),
        })).StatusCode.ShouldBe(HttpStatusCode.BadRequest);

        var firm = await owner.Http.GetFromJsonAsync<JsonElement>($"/api/v1/investors/{investor}");
        var kept = firm.GetProperty("unitNotes").EnumerateArray().Single();
        (kept.GetProperty("body").GetString(), kept.GetProperty("version").GetInt32()).ShouldBe((Note, 1));
    }
}
