using BizEnv.Invest.Application.Abstractions;
using BizEnv.Invest.Application.Common;
using BizEnv.Invest.Application.Crm;
using BizEnv.Invest.Domain.Commitments;
using BizEnv.Invest.Domain.Identity;
using Dapper;
using MediatR;

namespace BizEnv.Invest.Application.Commitments.ListCommitments;

/// <summary>Promises the actor may see (officers: their unit; leaders, integrity office, admins: all), newest due first.</summary>
[AllowRoles(Role.PromotionOfficer, Role.Leader, Role.IntegrityOfficer, Role.Admin)]
public sealed record ListCommitments(CommitmentStatus? Status = null, CommitmentKind? Kind = null, Guid? ProjectId = null, int Page = 1, int PageSize = 20)
    : IQuery<Page<CommitmentState>>;

public sealed class ListCommitmentsHandler(IDbSession db, ActorContext actor) : IRequestHandler<ListCommitments, Page<CommitmentState>>
{
    public async Task<Page<CommitmentState>> Handle(ListCommitments r, CancellationToken ct)
    {
        var (page, size, offset) = Paging.Normalize(r.Page, r.PageSize);
        const string where = """
             WHERE (@unit::uuid IS NULL OR c.unit_id = @unit) AND (@status::text IS NULL OR c.status = @status)
               AND (@kind::text IS NULL OR c.kind = @kind) AND (@ProjectId::uuid IS NULL OR c.project_id = @ProjectId)
            """;
        var args = new { unit = CrmAccess.UnitScope(actor.Actor), status = r.Status?.ToString(), kind = r.Kind?.ToString(), r.ProjectId, size, offset };
        var cn = await db.ConnectionAsync(ct);
        var total = await cn.ExecuteScalarAsync<long>(new CommandDefinition("SELECT count(*) FROM commitments c" + where, args, cancellationToken: ct));
        var rows = await cn.QueryAsync<CommitmentRow>(new CommandDefinition(
            CommitmentRow.Select + where + " ORDER BY c.due_date, c.id LIMIT @size OFFSET @offset", args, cancellationToken: ct));
        return new Page<CommitmentState>(rows.Select(x => x.ToState()).ToList(), total, page, size);
    }
}
