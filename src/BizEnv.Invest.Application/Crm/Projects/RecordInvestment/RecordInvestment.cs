using BizEnv.Invest.Domain.Common;
using BizEnv.Invest.Application.Abstractions;
using BizEnv.Invest.Application.Common;
using BizEnv.Invest.Domain.Identity;
using Dapper;
using FluentValidation;
using MediatR;

namespace BizEnv.Invest.Application.Crm.Projects.RecordInvestment;

/// <summary>Record investment actually in place 到资 on a date; the project shows it against plan.</summary>
[AllowRoles(Role.PromotionOfficer)]
public sealed record RecordInvestment(Guid ProjectId, DateOnly OnDate, decimal Amount, string? Note) : ICommand<ProjectSummary>;

public sealed class RecordInvestmentValidator : AbstractValidator<RecordInvestment>
{
    public RecordInvestmentValidator()
    {
        RuleFor(x => x.Amount).GreaterThan(0).WithText("project.investment_positive").LessThanOrEqualTo(ProjectFieldsValidator.MaxAmount).WithText("field.amount_too_large");
        RuleFor(x => x.Note).MaximumLength(500).WithText("field.too_long", 500);
    }
}

public sealed class RecordInvestmentHandler(IDbSession db, ActorContext actor, IAuditTrail audit, TimeProvider clock) : IRequestHandler<RecordInvestment, ProjectSummary>
{
    public async Task<ProjectSummary> Handle(RecordInvestment r, CancellationToken ct)
    {
        audit.Target("project", r.ProjectId, $"到资 {r.Amount}");
        var cn = await db.ConnectionAsync(ct);
        var row = await ProjectLoad.ForWrite(cn, db.Transaction, actor.Actor, r.ProjectId, ct);
        if (row.Stage == nameof(Domain.Crm.ProjectStage.Terminated))
            throw new Domain.Common.DomainException("project.terminated");
        var today = clock.Today();
        if (r.OnDate > today)
            throw ValidationText.FieldError(nameof(r.OnDate), "project.investment_in_future");
        await cn.ExecuteAsync(new CommandDefinition("""
            INSERT INTO project_investments (id, project_id, on_date, amount, note, created_by, created_at) VALUES (@id, @ProjectId, @OnDate, @Amount, @Note, @by, @now);
            UPDATE projects SET updated_at = @now, version = version + 1 WHERE id = @ProjectId;
            """, new { id = Guid.NewGuid(), r.ProjectId, r.OnDate, r.Amount, r.Note, by = actor.Actor.UserId, now = clock.GetUtcNow() }, db.Transaction, cancellationToken: ct));
        return await ProjectLoad.Reload(cn, db.Transaction, r.ProjectId, ct);
    }
}
