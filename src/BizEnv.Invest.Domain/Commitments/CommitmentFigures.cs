namespace BizEnv.Invest.Domain.Commitments;

/// <summary>
/// The rates on the figures page, in %, one decimal, null while there is nothing to judge.
/// <para>The fulfilment rate 兑现率: of the promises whose outcome is settled — fulfilled in full, or
/// lapsed — the share fulfilled. Running promises (partly fulfilled ones included: they can still be
/// completed) and ones cancelled by mutual agreement are not judged.</para>
/// <para>Both sides of an agreement (issue #14): what a promise still owes, the investors' met rate and the
/// share of default amounts recovered.</para>
/// </summary>
public static class CommitmentFigures
{
    public static decimal? FulfilmentRate(int fulfilled, int lapsed) => Rate(fulfilled, fulfilled + lapsed);

    /// <summary>
    /// What a promise still owes 未兑现金额: its value less the share already delivered (fulfilled_share, in %), to the fen.
    /// A promise without a share recorded has delivered nothing yet.
    /// </summary>
    public static decimal Undelivered(decimal valueCny, decimal? fulfilledShare) =>
        Math.Round(valueCny * (1 - Math.Clamp(fulfilledShare ?? 0, 0, 100) / 100m), 2, MidpointRounding.AwayFromZero);

    /// <summary>
    /// The investors' met rate 履约率: of the obligations whose due date has passed — satisfied (met, or cured within
    /// the cure period) or not (missed, or still open past the due date) — the share satisfied. Obligations
    /// not yet due are not judged.
    /// </summary>
    public static decimal? MetRate(int satisfied, int unmet) => Rate(satisfied, satisfied + unmet);

    /// <summary>The recovery rate 追偿到位率: amounts recovered over amounts due from defaulting investors.</summary>
    public static decimal? RecoveryRate(decimal amountDue, decimal amountRecovered) =>
        amountDue <= 0 ? null : Math.Round(100m * amountRecovered / amountDue, 1, MidpointRounding.AwayFromZero);

    private static decimal? Rate(int part, int whole) => whole == 0 ? null : Math.Round(100m * part / whole, 1, MidpointRounding.AwayFromZero);
}
