using BizEnv.Invest.Application.Abstractions;
using BizEnv.Invest.Application.Crm.Projects;
using BizEnv.Invest.Domain.Identity;
using Dapper;
using MediatR;

namespace BizEnv.Invest.Application.Agreements.ListProjectAgreements;

/// <summary>A project's agreements (the panel on the project page), latest signed first.</summary>
[AllowRoles(Role.PromotionOfficer, Role.Leader, Role.IntegrityOfficer, Role.Admin)]
public sealed record ListProjectAgreements(Guid ProjectId) : IQuery<ProjectAgreements>;

public sealed record ProjectAgreements(bool CanRecord, IReadOnlyList<AgreementSummary> Agreements);

public sealed class ListProjectAgreementsHandler(IDbSession db, ActorContext actor) : IRequestHandler<ListProjectAgreements, ProjectAgreements>
{
    public async Task<ProjectAgreements> Handle(ListProjectAgreements r, CancellationToken ct)
    {
        var cn = await db.ConnectionAsync(ct);
        var project = await ProjectLoad.ForRead(cn, actor.Actor, r.ProjectId, ct);
        var rows = await cn.QueryAsync<AgreementSummary>(new CommandDefinition(
            AgreementQueries.Summary + " WHERE a.project_id = @ProjectId ORDER BY a.signed_on DESC, a.number", r, cancellationToken: ct));
        return new ProjectAgreements(AgreementAccess.MayWrite(actor.Actor, project.UnitId), rows.ToList());
    }
}
