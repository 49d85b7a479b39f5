using BizEnv.Invest.Application.Abstractions;
using BizEnv.Invest.Domain.Commitments;
using BizEnv.Invest.Domain.Common;
using BizEnv.Invest.Domain.Identity;
using Dapper;
using MediatR;

namespace BizEnv.Invest.Application.Commitments.ListBreachAlerts;

/// <summary>
/// Which alerts to show: status (New by default — what needs triage; null for all), the promising
/// unit, the promising officer, the promise's kind, the alert's kind, and the period (Beijing dates
/// the alert was raised, inclusive).
/// </summary>
public sealed record BreachAlertFilter(
    string? Status = "New", Guid? UnitId = null, Guid? PromiserId = null, CommitmentKind? Kind = null, string? AlertKind = null, DateOnly? From = null, DateOnly? To = null);

/// <summary>The integrity office's alert queue, newest first.</summary>
[AllowRoles(Role.IntegrityOfficer, Role.Leader, Role.Admin)]
public sealed record ListBreachAlerts(BreachAlertFilter Filter) : IQuery<IReadOnlyList<BreachAlertDto>>
{
    public ListBreachAlerts(string? status = "New") : this(new BreachAlertFilter(status)) { }
}

public sealed record BreachAlertDto(Guid Id, Guid CommitmentId, string ProjectNumber, string ProjectName, string InvestorName, string UnitName, string Kind,
    string CommitmentKind, string Clause, decimal? ValueCny, string Promiser, DateOnly DueDate, DateOnly MadeOn, DateTimeOffset RaisedAt, string Status,
    string? DismissReason, Guid? CaseId, string? CaseNumber, int Version);

public sealed class ListBreachAlertsHandler(IDbSession db) : IRequestHandler<ListBreachAlerts, IReadOnlyList<BreachAlertDto>>
{
    public const int Limit = 500;

    public async Task<IReadOnlyList<BreachAlertDto>> Handle(ListBreachAlerts r, CancellationToken ct) =>
        await BreachAlertQuery.RunAsync(await db.ConnectionAsync(ct), r.Filter, Limit, ct);
}

/// <summary>The one query behind the alert queue and its export: the queue reads a screenful, the export streams the lot.</summary>
public static class BreachAlertQuery
{
    public const string Sql = """
        SELECT a.id AS Id, a.commitment_id AS CommitmentId, p.number AS ProjectNumber, p.name AS ProjectName, i.name AS InvestorName, unit_name(u.name_zh, u.name_en) AS UnitName,
               a.kind AS Kind, c.kind AS CommitmentKind, c.clause AS Clause, c.value_cny AS ValueCny, c.promiser_name AS Promiser, a.due_date AS DueDate,
               c.made_on AS MadeOn, a.raised_at AS RaisedAt, a.status AS Status, a.dismiss_reason AS DismissReason, k.id AS CaseId, k.number AS CaseNumber,
               a.version AS Version
        FROM breach_alerts a JOIN commitments c ON c.id = a.commitment_id JOIN projects p ON p.id = c.project_id
        JOIN investors i ON i.id = c.investor_id JOIN units u ON u.id = c.unit_id LEFT JOIN integrity_cases k ON k.alert_id = a.id
        WHERE (@status::text IS NULL OR a.status = @status)
          AND (@UnitId::uuid IS NULL OR c.unit_id = @UnitId)
          AND (@PromiserId::uuid IS NULL OR c.promiser_id = @PromiserId)
          AND (@kind::text IS NULL OR c.kind = @kind)
          AND (@AlertKind::text IS NULL OR a.kind = @AlertKind)
          AND (@from::timestamptz IS NULL OR a.raised_at >= @from)
          AND (@to::timestamptz IS NULL OR a.raised_at < @to)
        ORDER BY a.raised_at DESC LIMIT @limit
        """;

    public static object Args(BreachAlertFilter f, int limit) => new
    {
        status = string.IsNullOrWhiteSpace(f.Status) ? null : f.Status, f.UnitId, f.PromiserId, kind = f.Kind?.ToString(),
        AlertKind = string.IsNullOrWhiteSpace(f.AlertKind) ? null : f.AlertKind,
        from = f.From is { } d1 ? BeijingTime.StartOf(d1) : (DateTimeOffset?)null, to = f.To is { } d2 ? BeijingTime.StartOf(d2.AddDays(1)) : (DateTimeOffset?)null,
        limit,
    };

    public static async Task<IReadOnlyList<BreachAlertDto>> RunAsync(Npgsql.NpgsqlConnection cn, BreachAlertFilter f, int limit, CancellationToken ct) =>
        (await cn.QueryAsync<BreachAlertDto>(new CommandDefinition(Sql, Args(f, limit), cancellationToken: ct))).ToList();
}
