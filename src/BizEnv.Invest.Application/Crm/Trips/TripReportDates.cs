using BizEnv.Invest.Domain.Crm;
using Dapper;
using Npgsql;

namespace BizEnv.Invest.Application.Crm.Trips;

/// <summary>
/// Keeps unreported trips' report dates true to the calendar: when it changes (a year added, a holiday or an
/// adjusted working day set), each is computed again on the calendar as that transaction sees it — a date that
/// was "to follow" gets its date, a date a new holiday moved moves. Submitted reports keep the date they had.
/// </summary>
public static class TripReportDates
{
    public static async Task RecomputeAsync(NpgsqlConnection cn, NpgsqlTransaction? tx, CancellationToken ct)
    {
        var calendar = await Calendar.CalendarRows.LoadAsync(cn, tx, ct);
        var open = await cn.QueryAsync<(Guid Id, DateOnly ReturnedOn, DateOnly? ReportDue)>(new CommandDefinition(
            "SELECT id, returned_on, report_due FROM trips WHERE report IS NULL", transaction: tx, cancellationToken: ct));
        var changed = open.Select(t => (t.Id, Due: TripRules.ReportDue(calendar, t.ReturnedOn), t.ReportDue)).Where(t => t.Due != t.ReportDue).ToList();
        if (changed.Count == 0)
            return;
        await cn.ExecuteAsync(new CommandDefinition("""
            UPDATE trips t SET report_due = c.due FROM unnest(@ids, @dues) AS c(id, due) WHERE t.id = c.id
            """, new { ids = changed.Select(c => c.Id).ToArray(), dues = changed.Select(c => c.Due).ToArray() }, tx, cancellationToken: ct));
    }
}
