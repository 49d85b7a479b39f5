using System.Net;
using System.Net.Http.Json;
using System.Text.Json;

namespace BizEnv.Invest.Web.Tests;

/// <summary>
/// Conditional promises over the API: recording takes AgreementId and ConditionObligationIds and refuses ones that do
/// not belong together with a field error (nothing saved); the choices and the condition-unmet list answer their roles.
/// </summary>
public sealed class ConditionalPromiseApiTests(InvestWebFactory web) : IClassFixture<InvestWebFactory>
{
    // A project promises can be made on: the demo projects were all touched at the same instant, so the list's first is
    // any of them (ties go by id) — a terminated one would refuse every promise before the agreement is even looked at.
    private static async Task<Guid> AProject(ApiClient officer)
    {
        var page = await officer.Http.GetFromJsonAsync<JsonElement>("/api/v1/projects?pageSize=100");
        return page.GetProperty("items").EnumerateArray().First(p => p.GetProperty("stage").GetString() != "Terminated").GetProperty("id").GetGuid();
    }

    [Fact]
    public async Task An_agreement_not_of_the_project_is_a_400_naming_the_field_and_nothing_is_recorded()
    {
        var officer = await web.SignedInAs("officer");
        var project = await AProject(officer);
        var before = (await officer.Http.GetFromJsonAsync<JsonElement>($"/api/v1/commitments?projectId={project}&pageSize=1")).GetProperty("total").GetInt64();
        var response = await officer.Send(HttpMethod.Post, "/api/v1/commitments", new
        {
            projectId = project, kind = "ApprovalSpeed", clause = "五个工作日内办结", madeOn = "2026-11-01", dueDate = "2027-06-30",
            policyTitle = "海川市优化营商环境条例", policyNumber = "海政发〔2024〕1号", agreementId = Guid.NewGuid(), conditionObligationIds = new[] { Guid.NewGuid() },
        });
        response.StatusCode.ShouldBe(HttpStatusCode.BadRequest, await response.Content.ReadAsStringAsync());
        var problem = await ApiClient.Problem(response);
        problem.GetProperty("errors").EnumerateObject().Select(p => p.Name).ShouldBe(["agreementId"]);
        (await officer.Http.GetFromJsonAsync<JsonElement>($"/api/v1/commitments?projectId={project}&pageSize=1")).GetProperty("total").GetInt64().ShouldBe(before);

        var withoutAgreement = await officer.Send(HttpMethod.Post, "/api/v1/commitments", new
        {
            projectId = project, kind = "ApprovalSpeed", clause = "五个工作日内办结", madeOn = "2026-11-01", dueDate = "2027-06-30",
            conditionObligationIds = new[] { Guid.NewGuid() },
        });
        withoutAgreement.StatusCode.ShouldBe(HttpStatusCode.BadRequest);
        (await ApiClient.Problem(withoutAgreement)).GetProperty("errors").EnumerateObject().Select(p => p.Name).ShouldContain("agreementId");
    }

    [Fact]
    public async Task The_choices_and_the_condition_unmet_list_answer()
    {
        var officer = await web.SignedInAs("officer");
        var project = await AProject(officer);
        var choices = await officer.Http.GetAsync($"/api/v1/commitments/condition-choices?projectId={project}");
        choices.StatusCode.ShouldBe(HttpStatusCode.OK, await choices.Content.ReadAsStringAsync());
        (await choices.Content.ReadAsStringAsync()).ShouldStartWith("[");
        (await officer.Http.GetAsync($"/api/v1/commitments/condition-choices?projectId={Guid.NewGuid()}")).StatusCode.ShouldBe(HttpStatusCode.NotFound);
        var integrity = await web.SignedInAs("integrity");
        var unmet = await integrity.Http.GetAsync("/api/v1/commitments/condition-unmet");
        unmet.StatusCode.ShouldBe(HttpStatusCode.OK);
        (await unmet.Content.ReadAsStringAsync()).ShouldStartWith("["); // an answer, not an empty 200 (see the route's comment)
    }
}
