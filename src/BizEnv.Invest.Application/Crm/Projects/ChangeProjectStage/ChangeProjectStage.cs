using BizEnv.Invest.Application.Abstractions;
using BizEnv.Invest.Application.Common;
using BizEnv.Invest.Application.Errors;
using BizEnv.Invest.Domain.Crm;
using BizEnv.Invest.Domain.Identity;
using Dapper;
using FluentValidation;
using MediatR;

namespace BizEnv.Invest.Application.Crm.Projects.ChangeProjectStage;

/// <summary>
/// Move a project one stage forward (线索→洽谈→签约→注册→开工→投产), or terminate it with a reason.
/// Out-of-order moves are refused with the stage that would come next. The change is kept in the
/// project's stage history with its date and note; evidence files attach to it.
/// </summary>
[AllowRoles(Role.PromotionOfficer)]
public sealed record ChangeProjectStage(Guid Id, ProjectStage To, DateOnly StageDate, string? Note, string? TerminationReason, int Version)
    : ICommand<StageChangeResult>;

public sealed record StageChangeResult(ProjectSummary Project, Guid StageChangeId);

public sealed class ChangeProjectStageValidator : AbstractValidator<ChangeProjectStage>
{
    public ChangeProjectStageValidator()
    {
        RuleFor(x => x.To).IsInEnum().WithText("project.stage_unknown");
        RuleFor(x => x.Note).MaximumLength(2000).WithText("field.too_long", 2000);
        RuleFor(x => x.TerminationReason).MaximumLength(2000).WithText("field.too_long", 2000);
    }
}

public sealed class ChangeProjectStageHandler(IDbSession db, ActorContext actor, IAuditTrail audit, TimeProvider clock)
    : IRequestHandler<ChangeProjectStage, StageChangeResult>
{
    public async Task<StageChangeResult> Handle(ChangeProjectStage r, CancellationToken ct)
    {
        audit.Target("project", r.Id, $"stage → {r.To}");
        var cn = await db.ConnectionAsync(ct);
        var tx = db.Transaction;
        var row = await ProjectLoad.ForWrite(cn, tx, actor.Actor, r.Id, ct);
        if (row.Version != r.Version)
            throw new ConcurrencyConflictException("project", r.Id);
        var from = Enum.Parse<ProjectStage>(row.Stage);
        ProjectStages.EnsureAllowed(from, r.To, r.TerminationReason);
        if (r.StageDate < row.StageDate)
            throw ValidationText.FieldError(nameof(r.StageDate), "project.stage_date_before_previous", row.StageDate);

        if (await cn.ExecuteScalarAsync<bool>(new CommandDefinition(
                "SELECT EXISTS (SELECT 1 FROM project_stage_changes WHERE project_id = @Id AND review_status = 'Pending')", new { r.Id }, tx, cancellationToken: ct)))
            throw new Domain.Common.DomainException("project.review_pending");
        // Units that require it have each change reviewed; until then it shows as pending.
        var review = await cn.ExecuteScalarAsync<bool>(new CommandDefinition(
            "SELECT requires_stage_review FROM units WHERE id = @unit", new { unit = row.UnitId }, tx, cancellationToken: ct)) ? "Pending" : "NotRequired";

        var changeId = Guid.NewGuid();
        var now = clock.GetUtcNow();
        await cn.ExecuteAsync(new CommandDefinition("""
            INSERT INTO project_stage_changes (id, project_id, from_stage, to_stage, stage_date, note, review_status, created_by, created_at)
            VALUES (@changeId, @Id, @from, @to, @StageDate, @Note, @review, @by, @now);
            UPDATE projects SET stage = @to, stage_date = @StageDate, terminated_reason = @reason, updated_at = @now, version = version + 1
            WHERE id = @Id;
            """, new { changeId, r.Id, from = from.ToString(), to = r.To.ToString(), r.StageDate, r.Note,
                reason = r.To == ProjectStage.Terminated ? r.TerminationReason!.Trim() : null, review, by = actor.Actor.UserId, now },
            tx, cancellationToken: ct));
        if (r.To == ProjectStage.Terminated)
        {
            // A terminated project gives back every capacity it held in the zones.
            await cn.ExecuteAsync(new CommandDefinition("""
                UPDATE reservations SET status = 'Released', released_at = @now, released_reason = @reason
                WHERE project_id = @Id AND status <> 'Released'
                """, new { r.Id, now, reason = Localization.Text.Get("reservation.released_on_termination") }, tx, cancellationToken: ct));
        }
        return new StageChangeResult(await ProjectLoad.Reload(cn, tx, r.Id, ct), changeId);
    }
}
