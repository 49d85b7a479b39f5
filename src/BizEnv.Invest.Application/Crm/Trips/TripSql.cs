using BizEnv.Invest.Application.Crm.Trips.RecordTrip;
using Dapper;
using Npgsql;

namespace BizEnv.Invest.Application.Crm.Trips;

internal static class TripSql
{
    public const string Select = """
        SELECT t.id AS Id, t.destination AS Destination, t.departed_on AS DepartedOn, t.returned_on AS ReturnedOn,
               (t.returned_on - t.departed_on + 1) AS Days, t.leader_name AS LeaderName, t.chain AS Chain, t.firms_visited AS FirmsVisited,
               t.report_due AS ReportDue, (t.report IS NOT NULL) AS ReportSubmitted, t.report AS Report, u.display_name AS CreatedBy, t.version AS Version
        FROM trips t JOIN users u ON u.id = t.created_by
        """;

    public static async Task<TripDto> Load(NpgsqlConnection cn, NpgsqlTransaction? tx, Guid id, CancellationToken ct) =>
        await cn.QuerySingleAsync<TripDto>(new CommandDefinition(Select + " WHERE t.id = @id", new { id }, tx, cancellationToken: ct));
}
