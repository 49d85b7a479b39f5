using BizEnv.Invest.Application.Abstractions;
using BizEnv.Invest.Application.Common;
using BizEnv.Invest.Application.Errors;
using BizEnv.Invest.Domain.Crm;
using BizEnv.Invest.Domain.Identity;
using Dapper;
using FluentValidation;
using MediatR;

namespace BizEnv.Invest.Application.Crm.Projects.UpdateProject;

/// <summary>
/// Change a project's figures and its key-project "five ones" (leader, team, construction plan).
/// <see cref="Version"/> is the version the officer saw: two officers editing at once — one wins,
/// the other is told to reload (409).
/// </summary>
[AllowRoles(Role.PromotionOfficer)]
public sealed record UpdateProject(
    Guid Id, string Name, decimal PlannedInvestment, decimal? RegisteredCapital, int? Jobs, KeyProjectLevel KeyLevel,
    Guid? ResponsibleLeaderId, string? WorkingTeam, string? ConstructionPlan, int Version) : ICommand<ProjectSummary>, IProjectFields;

public sealed class UpdateProjectValidator : AbstractValidator<UpdateProject>
{
    public UpdateProjectValidator()
    {
        Include(new ProjectFieldsValidator());
        RuleFor(x => x.WorkingTeam).MaximumLength(500).WithText("field.too_long", 500);
        RuleFor(x => x.ConstructionPlan).MaximumLength(4000).WithText("field.too_long", 4000);
    }
}

public sealed class UpdateProjectHandler(IDbSession db, ActorContext actor, IAuditTrail audit, TimeProvider clock) : IRequestHandler<UpdateProject, ProjectSummary>
{
    public async Task<ProjectSummary> Handle(UpdateProject r, CancellationToken ct)
    {
        audit.Target("project", r.Id);
        var cn = await db.ConnectionAsync(ct);
        // Not FOR UPDATE here: the version check below is the concurrency guard.
        var row = await ProjectLoad.ForRead(cn, actor.Actor, r.Id, ct);
        CrmAccess.EnsureWrite(actor.Actor, row.UnitId, "project", r.Id);
        if (r.ResponsibleLeaderId is { } leader && !await cn.ExecuteScalarAsync<bool>(new CommandDefinition(
                "SELECT EXISTS (SELECT 1 FROM users WHERE id = @leader AND 'Leader' = ANY(roles) AND NOT is_disabled)", new { leader }, db.Transaction, cancellationToken: ct)))
            throw ValidationText.FieldError(nameof(r.ResponsibleLeaderId), "project.leader_unknown");
        var changed = await cn.ExecuteAsync(new CommandDefinition("""
            UPDATE projects SET name = @name, planned_investment = @PlannedInvestment, registered_capital = @RegisteredCapital, jobs = @Jobs,
                   key_level = @level, responsible_leader = @ResponsibleLeaderId, working_team = @WorkingTeam, construction_plan = @ConstructionPlan,
                   updated_at = @now, version = version + 1
            WHERE id = @Id AND version = @Version
            """, new { r.Id, name = r.Name.Trim(), r.PlannedInvestment, r.RegisteredCapital, r.Jobs, level = r.KeyLevel.ToString(), r.ResponsibleLeaderId,
            r.WorkingTeam, r.ConstructionPlan, now = clock.GetUtcNow(), r.Version }, db.Transaction, cancellationToken: ct));
        if (changed == 0)
            throw new ConcurrencyConflictException("project", r.Id);
        return await ProjectLoad.Reload(cn, db.Transaction, r.Id, ct);
    }
}
