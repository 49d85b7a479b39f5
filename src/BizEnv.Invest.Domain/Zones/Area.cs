namespace BizEnv.Invest.Domain.Zones;

/// <summary>
/// Land is stored in square metres and shown in 亩 (mu) and 公顷 (hectares): 1 公顷 = 10,000 m² = 15 亩,
/// so 1 亩 = 666.67 m² (exactly 10,000/15).
/// </summary>
public static class Area
{
    public const decimal SquareMetresPerHectare = 10_000m;
    public const decimal MuPerHectare = 15m;

    public static decimal SquareMetresToMu(decimal m2) => m2 * MuPerHectare / SquareMetresPerHectare;

    public static decimal MuToSquareMetres(decimal mu) => mu * SquareMetresPerHectare / MuPerHectare;

    public static decimal SquareMetresToHectares(decimal m2) => m2 / SquareMetresPerHectare;

    public static decimal HectaresToSquareMetres(decimal ha) => ha * SquareMetresPerHectare;
}
