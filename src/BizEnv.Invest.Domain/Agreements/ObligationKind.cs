using BizEnv.Invest.Domain.Crm;

namespace BizEnv.Invest.Domain.Agreements;

/// <summary>What the investor undertook: two milestones (开工, 投产) and measured targets.</summary>
public enum ObligationKind
{
    StartOfConstruction,
    Production,
    FixedAssetInvestment,
    RegisteredCapital,
    TaxPerMu,
    AnnualOutput,
    Jobs,
    RnDSpending,
    Other,
}

/// <summary>Open → Met (reached by the due date) | Missed (the due date ended unmet) → Cured (reached afterwards).</summary>
public enum ObligationStatus
{
    Open,
    Met,
    Missed,
    Cured,
}

/// <summary>What the agreement says happens once a missed obligation's cure period ends (run by the default, not here).</summary>
public enum Remedy
{
    RecoverSubsidy,
    ReduceRebate,
    TakeBackIdleLand,
    LiquidatedDamages,
}

/// <summary>Where a progress figure came from: an officer with evidence, or the project's own records.</summary>
public enum ProgressSource
{
    Entered,
    Project,
}

/// <summary>
/// The rules that hang on an obligation's kind: milestones have no target and are met by the project's
/// stage date; fixed-asset investment is measured from the project's 到资; the rest are entered with
/// evidence. Each measured kind has its units (money in 万元 or 元; 亩均税收 in 万元/亩/年; jobs in 人);
/// "Other" names its own.
/// </summary>
public static class ObligationKinds
{
    public const string Wan = "万元";
    public const string Yuan = "元";
    public const string WanPerMu = "万元/亩/年";
    public const string People = "人";
    public const int MaxUnitLength = 20;

    public static bool IsMilestone(ObligationKind kind) => kind is ObligationKind.StartOfConstruction or ObligationKind.Production;

    /// <summary>Progress is read from the project (stage dates, 到资), never typed in.</summary>
    public static bool FromProject(ObligationKind kind) => IsMilestone(kind) || kind == ObligationKind.FixedAssetInvestment;

    /// <summary>The stage whose date meets a milestone.</summary>
    public static ProjectStage? MilestoneStage(ObligationKind kind) => kind switch
    {
        ObligationKind.StartOfConstruction => ProjectStage.Started,
        ObligationKind.Production => ProjectStage.InProduction,
        _ => null,
    };

    /// <summary>The units a measured kind may be stated in (empty: milestones have none; null: any, for Other).</summary>
    public static IReadOnlyList<string>? Units(ObligationKind kind) => kind switch
    {
        ObligationKind.StartOfConstruction or ObligationKind.Production => [],
        ObligationKind.FixedAssetInvestment or ObligationKind.RegisteredCapital or ObligationKind.AnnualOutput or ObligationKind.RnDSpending => [Wan, Yuan],
        ObligationKind.TaxPerMu => [WanPerMu],
        ObligationKind.Jobs => [People],
        _ => null,
    };

    /// <summary>The unit a form suggests for a kind.</summary>
    public static string? DefaultUnit(ObligationKind kind) => Units(kind) is { Count: > 0 } units ? units[0] : null;

    /// <summary>Yuan in the obligation's money unit (万元 or 元).</summary>
    public static decimal FromYuan(decimal yuan, string? unit) => unit == Wan ? Math.Round(yuan / 10_000m, 2) : yuan;
}
