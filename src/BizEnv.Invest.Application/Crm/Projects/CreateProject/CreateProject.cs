using BizEnv.Invest.Domain.Common;
using BizEnv.Invest.Application.Abstractions;
using BizEnv.Invest.Application.Common;
using BizEnv.Invest.Application.Errors;
using BizEnv.Invest.Domain.Crm;
using BizEnv.Invest.Domain.Identity;
using Dapper;
using FluentValidation;
using MediatR;

namespace BizEnv.Invest.Application.Crm.Projects.CreateProject;

/// <summary>
/// A new project of the officer's unit, for an investor of that unit. It gets its unified number
/// (top-level unit code, year, sequence — e.g. HC-2026-0042) at once and keeps it for life.
/// </summary>
[AllowRoles(Role.PromotionOfficer)]
public sealed record CreateProject(
    Guid InvestorId, string Name, decimal PlannedInvestment, decimal? RegisteredCapital, int? Jobs, KeyProjectLevel KeyLevel, DateOnly StageDate)
    : ICommand<ProjectSummary>, IProjectFields;

public sealed class CreateProjectValidator : AbstractValidator<CreateProject>
{
    public CreateProjectValidator()
    {
        Include(new ProjectFieldsValidator());
        RuleFor(x => x.InvestorId).NotEmpty().WithText("project.investor_required");
    }
}

public sealed class CreateProjectHandler(IDbSession db, ActorContext actor, IAuditTrail audit, TimeProvider clock) : IRequestHandler<CreateProject, ProjectSummary>
{
    public async Task<ProjectSummary> Handle(CreateProject r, CancellationToken ct)
    {
        var me = actor.Actor;
        var cn = await db.ConnectionAsync(ct);
        var tx = db.Transaction;
        var investorUnit = await cn.ExecuteScalarAsync<Guid?>(new CommandDefinition(
            "SELECT unit_id FROM investors WHERE id = @InvestorId", new { r.InvestorId }, tx, cancellationToken: ct));
        if (investorUnit is null || !CrmAccess.MayWrite(me, investorUnit.Value))
            throw ValidationText.FieldError(nameof(r.InvestorId), "project.investor_not_yours");

        var id = Guid.NewGuid();
        var now = clock.GetUtcNow();
        var year = BeijingTime.ToBeijing(now).Year;
        var prefix = await cn.ExecuteScalarAsync<string>(new CommandDefinition("""
            WITH RECURSIVE up AS (SELECT id, parent_id, code FROM units WHERE id = @unit
                                  UNION ALL SELECT u.id, u.parent_id, u.code FROM units u JOIN up ON u.id = up.parent_id)
            SELECT code FROM up WHERE parent_id IS NULL
            """, new { unit = me.UnitId }, tx, cancellationToken: ct));
        // The counter row is locked until this transaction ends: concurrent creations queue for it,
        // so numbers are unique; a rolled-back creation never used its number.
        var sequence = await cn.ExecuteScalarAsync<int>(new CommandDefinition("""
            INSERT INTO project_number_sequences (unit_code, year, last) VALUES (@prefix, @year, 1)
            ON CONFLICT (unit_code, year) DO UPDATE SET last = project_number_sequences.last + 1
            RETURNING last
            """, new { prefix, year }, tx, cancellationToken: ct));
        var number = UnifiedNumber.Format(prefix!, year, sequence);
        audit.Target("project", id, number);

        await cn.ExecuteAsync(new CommandDefinition("""
            INSERT INTO projects (id, number, unit_id, investor_id, name, planned_investment, registered_capital, jobs, key_level, stage, stage_date,
                                  created_by, created_at, updated_at)
            VALUES (@id, @number, @unit, @InvestorId, @name, @PlannedInvestment, @RegisteredCapital, @Jobs, @level, 'Lead', @StageDate, @by, @now, @now)
            """, new { id, number, unit = me.UnitId, r.InvestorId, name = r.Name.Trim(), r.PlannedInvestment, r.RegisteredCapital, r.Jobs,
            level = r.KeyLevel.ToString(), r.StageDate, by = me.UserId, now }, tx, cancellationToken: ct));
        return (await cn.QuerySingleAsync<ProjectRow>(new CommandDefinition(ProjectRow.Select + " WHERE p.id = @id", new { id }, tx, cancellationToken: ct))).ToDto();
    }
}
