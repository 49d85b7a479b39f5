using BizEnv.Invest.Application.Abstractions;
using BizEnv.Invest.Application.Common;
using BizEnv.Invest.Application.Errors;
using BizEnv.Invest.Domain.Common;
using BizEnv.Invest.Domain.Identity;
using Dapper;
using FluentValidation;
using MediatR;

namespace BizEnv.Invest.Application.Crm.Projects.ReviewStageChange;

/// <summary>
/// A leader reviews a pending stage change (in units that require review): approve, or reject with an
/// opinion — a rejected change puts the project back to the stage it came from. The row keeps the review.
/// </summary>
[AllowRoles(Role.Leader)]
public sealed record ReviewStageChange(Guid ProjectId, Guid StageChangeId, bool Approve, string? Opinion) : ICommand<ProjectSummary>;

public sealed class ReviewStageChangeValidator : AbstractValidator<ReviewStageChange>
{
    public ReviewStageChangeValidator()
    {
        RuleFor(x => x.Opinion).NotEmpty().WithText("review.opinion_required").When(x => !x.Approve);
        RuleFor(x => x.Opinion).MaximumLength(2000).WithText("field.too_long", 2000);
    }
}

public sealed class ReviewStageChangeHandler(IDbSession db, ActorContext actor, IAuditTrail audit, TimeProvider clock) : IRequestHandler<ReviewStageChange, ProjectSummary>
{
    public async Task<ProjectSummary> Handle(ReviewStageChange r, CancellationToken ct)
    {
        audit.Target("project", r.ProjectId, r.Approve ? "stage approved" : "stage rejected");
        var cn = await db.ConnectionAsync(ct);
        var tx = db.Transaction;
        var project = await cn.QuerySingleOrDefaultAsync<ProjectRow>(new CommandDefinition(ProjectRow.Select + " WHERE p.id = @ProjectId FOR UPDATE OF p",
            new { r.ProjectId }, tx, cancellationToken: ct)) ?? throw new NotFoundException("project", r.ProjectId);
        var change = await cn.QuerySingleOrDefaultAsync<(string From, string To, string Status)?>(new CommandDefinition(
            "SELECT from_stage, to_stage, review_status FROM project_stage_changes WHERE id = @StageChangeId AND project_id = @ProjectId",
            new { r.StageChangeId, r.ProjectId }, tx, cancellationToken: ct)) ?? throw new NotFoundException("stage-change", r.StageChangeId);
        if (change.Status != "Pending")
            throw new DomainException("review.not_pending");
        var now = clock.GetUtcNow();
        await cn.ExecuteAsync(new CommandDefinition("""
            UPDATE project_stage_changes SET review_status = @status, reviewed_by = @by, review_opinion = @Opinion, reviewed_at = @now
            WHERE id = @StageChangeId AND review_status = 'Pending'
            """, new { r.StageChangeId, status = r.Approve ? "Approved" : "Rejected", by = actor.Actor.UserId, r.Opinion, now }, tx, cancellationToken: ct));
        if (!r.Approve && project.Stage == change.To)
        {
            var previousDate = await cn.ExecuteScalarAsync<DateOnly?>(new CommandDefinition("""
                SELECT stage_date FROM project_stage_changes WHERE project_id = @ProjectId AND to_stage = @from AND id <> @StageChangeId
                ORDER BY created_at DESC LIMIT 1
                """, new { r.ProjectId, from = change.From, r.StageChangeId }, tx, cancellationToken: ct));
            await cn.ExecuteAsync(new CommandDefinition("""
                UPDATE projects SET stage = @from, stage_date = coalesce(@previousDate, stage_date), terminated_reason = NULL, updated_at = @now, version = version + 1
                WHERE id = @ProjectId
                """, new { r.ProjectId, from = change.From, previousDate, now }, tx, cancellationToken: ct));
        }
        return await ProjectLoad.Reload(cn, tx, r.ProjectId, ct);
    }
}
