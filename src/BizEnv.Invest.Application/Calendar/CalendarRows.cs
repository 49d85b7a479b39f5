using BizEnv.Invest.Domain.Calendar;
using Dapper;
using Npgsql;

namespace BizEnv.Invest.Application.Calendar;

/// <summary>The working-day calendar as stored, read on a given connection (inside a transaction it sees that transaction's edits).</summary>
public static class CalendarRows
{
    public static async Task<WorkingDayCalendar> LoadAsync(NpgsqlConnection cn, NpgsqlTransaction? tx, CancellationToken ct)
    {
        var years = await cn.QueryAsync<int>(new CommandDefinition("SELECT year FROM calendar_years", transaction: tx, cancellationToken: ct));
        var days = await cn.QueryAsync<CalendarDayRow>(new CommandDefinition(
            "SELECT day AS Date, kind AS Kind, name AS Name FROM calendar_days", transaction: tx, cancellationToken: ct));
        return new WorkingDayCalendar(years, days.Select(d => d.ToDomain()));
    }
}
