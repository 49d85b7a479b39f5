using BizEnv.Invest.Domain.Common;
using BizEnv.Invest.Domain.Crm;

namespace BizEnv.Invest.Domain.Tests.Crm;

public sealed class ProjectStageTests
{
    private static readonly (ProjectStage From, ProjectStage To)[] Forward =
    [
        (ProjectStage.Lead, ProjectStage.Negotiating), (ProjectStage.Negotiating, ProjectStage.Signed), (ProjectStage.Signed, ProjectStage.Registered),
        (ProjectStage.Registered, ProjectStage.Started), (ProjectStage.Started, ProjectStage.InProduction),
    ];

    public static TheoryData<ProjectStage, ProjectStage> AllPairs()
    {
        var data = new TheoryData<ProjectStage, ProjectStage>();
        foreach (var from in Enum.GetValues<ProjectStage>())
            foreach (var to in Enum.GetValues<ProjectStage>())
                data.Add(from, to);
        return data;
    }

    [Theory]
    [MemberData(nameof(AllPairs))]
    public void Every_transition_is_allowed_or_refused_with_a_reason(ProjectStage from, ProjectStage to)
    {
        var allowed = Forward.Contains((from, to)) || (to == ProjectStage.Terminated && !ProjectStages.IsFinal(from));
        var attempt = () => ProjectStages.EnsureAllowed(from, to, "投资方撤资");
        if (allowed)
        {
            attempt.ShouldNotThrow();
            return;
        }
        var refusal = Should.Throw<DomainException>(attempt);
        refusal.Code.ShouldBe(ProjectStages.IsFinal(from) ? "project.stage_final" : "project.stage_out_of_order");
        if (refusal.Code == "project.stage_out_of_order")
            refusal.Args.ShouldBe([from, to, ProjectStages.Next(from)!.Value]);
    }

    [Fact]
    public void Terminating_needs_a_reason() =>
        Should.Throw<DomainException>(() => ProjectStages.EnsureAllowed(ProjectStage.Signed, ProjectStage.Terminated, "  "))
            .Code.ShouldBe("project.termination_reason_required");

    [Fact]
    public void Signed_and_later_stages_count_as_signed() =>
        Enum.GetValues<ProjectStage>().Where(ProjectStages.IsSignedOrLater)
            .ShouldBe([ProjectStage.Signed, ProjectStage.Registered, ProjectStage.Started, ProjectStage.InProduction]);
}
