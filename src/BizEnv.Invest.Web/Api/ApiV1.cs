using BizEnv.Invest.Web.Security;

namespace BizEnv.Invest.Web.Api;

public static class ApiV1
{
    /// <summary>/api/v1: signed-in callers only (except where an endpoint says otherwise), antiforgery on writes.</summary>
    public static IEndpointRouteBuilder MapApiV1(this IEndpointRouteBuilder app)
    {
        var v1 = app.MapGroup("/api/v1").RequireAuthorization().RequireAntiforgeryOnWrites()
            .ProducesProblem(StatusCodes.Status401Unauthorized).ProducesProblem(StatusCodes.Status403Forbidden);
        v1.MapAuthApi();
        v1.MapMeApi();
        v1.MapUsersApi();
        v1.MapUnitsApi();
        v1.MapCalendarApi();
        v1.MapAuditApi();
        v1.MapHomeApi();
        v1.MapInvestorsApi();
        v1.MapProjectsApi();
        v1.MapVisitsApi();
        v1.MapWeeklyReportsApi();
        v1.MapZonesApi();
        v1.MapChainsApi();
        v1.MapCommitmentsApi();
        v1.MapFairCompetitionApi();
        v1.MapLedgerExplorerApi();
        v1.MapLedgerWitnessApi();
        v1.MapIntegrityCasesApi();
        v1.MapRemediationApi();
        v1.MapDefaultsApi();
        v1.MapHandoversApi();
        v1.MapAgreementsApi();
        app.MapWitnessSubmissions();
        return app;
    }
}
