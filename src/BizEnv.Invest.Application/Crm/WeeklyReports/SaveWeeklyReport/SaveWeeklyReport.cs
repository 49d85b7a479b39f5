using BizEnv.Invest.Application.Abstractions;
using BizEnv.Invest.Application.Common;
using BizEnv.Invest.Application.Crm.WeeklyReports.GenerateWeeklyReport;
using BizEnv.Invest.Application.Errors;
using BizEnv.Invest.Domain.Common;
using BizEnv.Invest.Domain.Identity;
using Dapper;
using FluentValidation;
using MediatR;

namespace BizEnv.Invest.Application.Crm.WeeklyReports.SaveWeeklyReport;

/// <summary>Edit a draft weekly report, and optionally submit it (submitted reports are final).</summary>
[AllowRoles(Role.PromotionOfficer)]
public sealed record SaveWeeklyReport(Guid Id, string Progress, string Issues, string NextSteps, bool Submit, int Version) : ICommand<WeeklyReportDto>;

public sealed class SaveWeeklyReportValidator : AbstractValidator<SaveWeeklyReport>
{
    public SaveWeeklyReportValidator()
    {
        RuleFor(x => x.Progress).NotEmpty().WithText("weekly.progress_required").MaximumLength(8000).WithText("field.too_long", 8000);
        RuleFor(x => x.Issues).NotEmpty().WithText("weekly.issues_required").MaximumLength(8000).WithText("field.too_long", 8000);
        RuleFor(x => x.NextSteps).NotEmpty().WithText("weekly.next_required").MaximumLength(8000).WithText("field.too_long", 8000);
    }
}

public sealed class SaveWeeklyReportHandler(IDbSession db, ActorContext actor, IAuditTrail audit, TimeProvider clock) : IRequestHandler<SaveWeeklyReport, WeeklyReportDto>
{
    public async Task<WeeklyReportDto> Handle(SaveWeeklyReport r, CancellationToken ct)
    {
        audit.Target("weekly-report", r.Id, r.Submit ? "submit" : "save");
        var cn = await db.ConnectionAsync(ct);
        var tx = db.Transaction;
        var current = await cn.QuerySingleOrDefaultAsync<(Guid Unit, string Status)?>(new CommandDefinition(
            "SELECT p.unit_id, w.status FROM weekly_reports w JOIN projects p ON p.id = w.project_id WHERE w.id = @Id", new { r.Id }, tx, cancellationToken: ct))
            ?? throw new NotFoundException("weekly-report", r.Id);
        CrmAccess.EnsureWrite(actor.Actor, current.Unit, "weekly-report", r.Id);
        if (current.Status == "Submitted")
            throw new DomainException("weekly.already_submitted");
        var now = clock.GetUtcNow();
        var changed = await cn.ExecuteAsync(new CommandDefinition("""
            UPDATE weekly_reports SET progress = @Progress, issues = @Issues, next_steps = @NextSteps,
                   status = CASE WHEN @Submit THEN 'Submitted' ELSE status END,
                   submitted_by = CASE WHEN @Submit THEN @by ELSE submitted_by END,
                   submitted_at = CASE WHEN @Submit THEN @now ELSE submitted_at END,
                   updated_at = @now, version = version + 1
            WHERE id = @Id AND version = @Version
            """, new { r.Id, r.Progress, r.Issues, r.NextSteps, r.Submit, by = actor.Actor.UserId, now, r.Version }, tx, cancellationToken: ct));
        if (changed == 0)
            throw new ConcurrencyConflictException("weekly-report", r.Id);
        return await GenerateWeeklyReportHandler.Load(cn, tx, r.Id, ct);
    }
}
