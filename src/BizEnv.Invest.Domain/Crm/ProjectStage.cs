using BizEnv.Invest.Domain.Common;

namespace BizEnv.Invest.Domain.Crm;

/// <summary>lead 线索 → negotiating 洽谈 → signed 签约 → registered 注册 → started 开工 → in production 投产; or terminated 终止.</summary>
public enum ProjectStage
{
    Lead,
    Negotiating,
    Signed,
    Registered,
    Started,
    InProduction,
    Terminated,
}

/// <summary>The stage machine: one step forward at a time, or termination (with a reason) from any open stage.</summary>
public static class ProjectStages
{
    private static readonly ProjectStage[] Forward =
        [ProjectStage.Lead, ProjectStage.Negotiating, ProjectStage.Signed, ProjectStage.Registered, ProjectStage.Started, ProjectStage.InProduction];

    public static bool IsFinal(ProjectStage stage) => stage is ProjectStage.InProduction or ProjectStage.Terminated;

    public static ProjectStage? Next(ProjectStage stage)
    {
        var i = Array.IndexOf(Forward, stage);
        return i >= 0 && i < Forward.Length - 1 ? Forward[i + 1] : null;
    }

    /// <summary>Refuses a transition out of order with the reason; termination needs a reason text.</summary>
    public static void EnsureAllowed(ProjectStage from, ProjectStage to, string? terminationReason)
    {
        if (IsFinal(from))
            throw new DomainException("project.stage_final", from);
        if (to == ProjectStage.Terminated)
        {
            if (string.IsNullOrWhiteSpace(terminationReason))
                throw new DomainException("project.termination_reason_required");
            return;
        }
        if (Next(from) != to)
            throw new DomainException("project.stage_out_of_order", from, to, Next(from)!);
    }

    /// <summary>Signed and beyond: the stages in which a project holds land or space and counts as signed investment.</summary>
    public static bool IsSignedOrLater(ProjectStage stage) => stage is ProjectStage.Signed or ProjectStage.Registered or ProjectStage.Started or ProjectStage.InProduction;
}
