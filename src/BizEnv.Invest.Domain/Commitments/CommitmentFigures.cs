namespace BizEnv.Invest.Domain.Commitments;

/// <summary>
/// The fulfilment rate 兑现率: of the promises whose outcome is settled — fulfilled in full, or
/// lapsed — the share fulfilled, in %, one decimal. Running promises (partly fulfilled ones
/// included: they can still be completed) and ones cancelled by mutual agreement are not judged.
/// Null while nothing has been settled.
/// </summary>
public static class CommitmentFigures
{
    public static decimal? FulfilmentRate(int fulfilled, int lapsed)
    {
        var judged = fulfilled + lapsed;
        return judged == 0 ? null : Math.Round(100m * fulfilled / judged, 1);
    }
}
