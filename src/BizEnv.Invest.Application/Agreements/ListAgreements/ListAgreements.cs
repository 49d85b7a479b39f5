using BizEnv.Invest.Application.Abstractions;
using BizEnv.Invest.Application.Common;
using BizEnv.Invest.Application.Crm;
using BizEnv.Invest.Domain.Identity;
using Dapper;
using MediatR;

namespace BizEnv.Invest.Application.Agreements.ListAgreements;

/// <summary>Agreements the actor may see (officers: their unit's projects), by number, title, project or investor; latest signed first.</summary>
[AllowRoles(Role.PromotionOfficer, Role.Leader, Role.IntegrityOfficer, Role.Admin)]
public sealed record ListAgreements(string? Search, int Page = 1, int PageSize = 20) : IQuery<Page<AgreementSummary>>;

public sealed class ListAgreementsHandler(IDbSession db, ActorContext actor) : IRequestHandler<ListAgreements, Page<AgreementSummary>>
{
    public async Task<Page<AgreementSummary>> Handle(ListAgreements r, CancellationToken ct)
    {
        var (page, size, offset) = Paging.Normalize(r.Page, r.PageSize);
        const string where = """
             WHERE (@scope::uuid IS NULL OR p.unit_id = @scope)
               AND (@search::text IS NULL OR a.number ILIKE @search OR a.title ILIKE @search OR p.name ILIKE @search OR i.name ILIKE @search)
            """;
        var args = new { scope = CrmAccess.UnitScope(actor.Actor), search = string.IsNullOrWhiteSpace(r.Search) ? null : $"%{r.Search.Trim()}%", size, offset };
        var cn = await db.ConnectionAsync(ct);
        var total = await cn.ExecuteScalarAsync<long>(new CommandDefinition("""
            SELECT count(*) FROM agreements a JOIN projects p ON p.id = a.project_id JOIN investors i ON i.id = a.investor_id
            """ + where, args, cancellationToken: ct));
        var rows = await cn.QueryAsync<AgreementSummary>(new CommandDefinition(
            AgreementQueries.Summary + where + " ORDER BY a.signed_on DESC, a.number LIMIT @size OFFSET @offset", args, cancellationToken: ct));
        return new Page<AgreementSummary>(rows.ToList(), total, page, size);
    }
}
