using BizEnv.Invest.Domain.Common;
using BizEnv.Invest.Application.Abstractions;
using BizEnv.Invest.Application.Audit.SearchAuditLog;
using BizEnv.Invest.Domain.Identity;
using Dapper;
using MediatR;

namespace BizEnv.Invest.Application.Home.GetAdminOverview;

/// <summary>
/// The admin's home page: who can sign in, who is locked out, which calendar years are loaded, the
/// latest refused actions, and stored values no valid request could have made (migration 0009).
/// </summary>
[AllowRoles(Role.Admin)]
public sealed record GetAdminOverview : IQuery<AdminOverview>;

public sealed record AdminOverview(
    long Users, long DisabledUsers, long LockedUsers, long MustChangePassword, long Units,
    IReadOnlyList<int> CalendarYears, bool NextYearLoaded, IReadOnlyList<AuditLogEntryDto> RecentFailures,
    long SuspectValueCount, IReadOnlyList<SuspectValueDto> SuspectValues);

/// <summary>A stored value outside what the product accepts (a date outside 1900–2199, an enum text naming nothing).</summary>
public sealed record SuspectValueDto(string TableName, Guid RowId, string ColumnName, string Value, string Problem);

public sealed class GetAdminOverviewHandler(IDbSession db, TimeProvider clock) : IRequestHandler<GetAdminOverview, AdminOverview>
{
    public async Task<AdminOverview> Handle(GetAdminOverview request, CancellationToken ct)
    {
        var now = clock.GetUtcNow();
        var cn = await db.ConnectionAsync(ct);
        var counts = await cn.QuerySingleAsync<(long Users, long Disabled, long Locked, long MustChange, long Units)>(new CommandDefinition("""
            SELECT count(*), count(*) FILTER (WHERE is_disabled), count(*) FILTER (WHERE locked_until > @now),
                   count(*) FILTER (WHERE must_change_password), (SELECT count(*) FROM units)
            FROM users
            """, new { now }, cancellationToken: ct));
        var years = (await cn.QueryAsync<int>(new CommandDefinition("SELECT year FROM calendar_years ORDER BY year", cancellationToken: ct))).ToList();
        var failures = await cn.QueryAsync<AuditLogEntryDto>(new CommandDefinition(
            AuditLogFilter.Select + " WHERE a.outcome NOT LIKE 'success%' AND a.outcome <> 'replayed' ORDER BY a.at DESC, a.id DESC LIMIT 8", cancellationToken: ct));
        var suspectCount = await cn.ExecuteScalarAsync<long>(new CommandDefinition("SELECT count(*) FROM suspect_values", cancellationToken: ct));
        var suspects = suspectCount == 0 ? [] : (await cn.QueryAsync<SuspectValueDto>(new CommandDefinition("""
            SELECT table_name AS TableName, row_id AS RowId, column_name AS ColumnName, value AS Value, problem AS Problem
            FROM suspect_values ORDER BY table_name, column_name, row_id LIMIT 20
            """, cancellationToken: ct))).ToList();
        var beijingYear = BeijingTime.ToBeijing(now).Year;
        return new AdminOverview(counts.Users, counts.Disabled, counts.Locked, counts.MustChange, counts.Units,
            years, years.Contains(beijingYear + 1), failures.ToList(), suspectCount, suspects);
    }
}
