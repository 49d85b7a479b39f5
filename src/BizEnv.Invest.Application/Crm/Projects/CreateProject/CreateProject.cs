using BizEnv.Invest.Application.Abstractions;
using BizEnv.Invest.Application.Common;
using BizEnv.Invest.Domain.Crm;
using BizEnv.Invest.Domain.Identity;
using Dapper;
using FluentValidation;
using MediatR;
using BizEnv.Invest.Application.Common.Grains;
using BizEnv.Invest.Application.Crm.Projects.Grain;
using Orleans;

namespace BizEnv.Invest.Application.Crm.Projects.CreateProject;

/// <summary>
/// A new project of the officer's unit, for an investor of that unit. It gets its unified number
/// (top-level unit code, year, sequence — e.g. HC-2026-0042) at once and keeps it for life.
/// </summary>
[AllowRoles(Role.PromotionOfficer)]
public sealed record CreateProject(
    Guid InvestorId, string Name, decimal PlannedInvestment, decimal? RegisteredCapital, int? Jobs, KeyProjectLevel KeyLevel, DateOnly StageDate)
    : ICommand<ProjectSummary>, IProjectFields, IGrainCommand;

public sealed class CreateProjectValidator : AbstractValidator<CreateProject>
{
    public CreateProjectValidator()
    {
        Include(new ProjectFieldsValidator());
        RuleFor(x => x.InvestorId).NotEmpty().WithText("project.investor_required");
    }
}

public sealed class CreateProjectHandler(IDbSession db, ActorContext actor, IAuditTrail audit, IGrainFactory grains) : IRequestHandler<CreateProject, ProjectSummary>
{
    public async Task<ProjectSummary> Handle(CreateProject r, CancellationToken ct)
    {
        var me = actor.Actor;
        var cn = await db.ConnectionAsync(ct);
        var investorUnit = await cn.ExecuteScalarAsync<Guid?>(new CommandDefinition(
            "SELECT unit_id FROM investors WHERE id = @InvestorId", new { r.InvestorId }, cancellationToken: ct));
        if (investorUnit is null || !CrmAccess.MayWrite(me, investorUnit.Value))
            throw ValidationText.FieldError(nameof(r.InvestorId), "project.investor_not_yours");
        // The number's prefix is the code of the officer's top-level unit.
        var prefix = await cn.ExecuteScalarAsync<string>(new CommandDefinition("""
            WITH RECURSIVE up AS (SELECT id, parent_id, code FROM units WHERE id = @unit
                                  UNION ALL SELECT u.id, u.parent_id, u.code FROM units u JOIN up ON u.id = up.parent_id)
            SELECT code FROM up WHERE parent_id IS NULL
            """, new { unit = me.UnitId }, cancellationToken: ct));

        var id = Guid.NewGuid();
        audit.Target("project", id, r.Name.Trim());
        var reply = await grains.GetGrain<IProjectGrain>(id).Create(
            new NewProject(me.UnitId!.Value, prefix!, r.InvestorId, r.Name, r.PlannedInvestment, r.RegisteredCapital, r.Jobs, r.KeyLevel, r.StageDate, me.UserId!.Value),
            CommandContext.For(actor, audit, r));
        return reply.Result<ProjectSummary>();
    }
}
