using BizEnv.Invest.Application.Abstractions;
using BizEnv.Invest.Domain.Identity;
using Dapper;
using MediatR;

namespace BizEnv.Invest.Application.Commitments.ListBreachAlerts;

/// <summary>The integrity office's alert queue, newest first (status filter; New by default shows what needs triage).</summary>
[AllowRoles(Role.IntegrityOfficer, Role.Leader, Role.Admin)]
public sealed record ListBreachAlerts(string? Status = "New") : IQuery<IReadOnlyList<BreachAlertDto>>;

public sealed record BreachAlertDto(Guid Id, Guid CommitmentId, string ProjectNumber, string ProjectName, string InvestorName, string UnitName, string Kind,
    string Clause, string Promiser, DateOnly DueDate, DateOnly MadeOn, DateTimeOffset RaisedAt, string Status, string? DismissReason, int Version);

public sealed class ListBreachAlertsHandler(IDbSession db) : IRequestHandler<ListBreachAlerts, IReadOnlyList<BreachAlertDto>>
{
    public async Task<IReadOnlyList<BreachAlertDto>> Handle(ListBreachAlerts r, CancellationToken ct)
    {
        var cn = await db.ConnectionAsync(ct);
        return (await cn.QueryAsync<BreachAlertDto>(new CommandDefinition("""
            SELECT a.id AS Id, a.commitment_id AS CommitmentId, p.number AS ProjectNumber, p.name AS ProjectName, i.name AS InvestorName, u.name_zh AS UnitName,
                   a.kind AS Kind, c.clause AS Clause, c.promiser_name AS Promiser, a.due_date AS DueDate, c.made_on AS MadeOn, a.raised_at AS RaisedAt,
                   a.status AS Status, a.dismiss_reason AS DismissReason, a.version AS Version
            FROM breach_alerts a JOIN commitments c ON c.id = a.commitment_id JOIN projects p ON p.id = c.project_id
            JOIN investors i ON i.id = c.investor_id JOIN units u ON u.id = c.unit_id
            WHERE @status::text IS NULL OR a.status = @status
            ORDER BY a.raised_at DESC LIMIT 500
            """, new { status = string.IsNullOrWhiteSpace(r.Status) ? null : r.Status }, cancellationToken: ct))).ToList();
    }
}
