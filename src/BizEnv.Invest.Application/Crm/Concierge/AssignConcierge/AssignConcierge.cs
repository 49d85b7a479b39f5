using BizEnv.Invest.Application.Abstractions;
using BizEnv.Invest.Application.Common;
using BizEnv.Invest.Application.Crm.Projects;
using BizEnv.Invest.Domain.Crm;
using BizEnv.Invest.Domain.Identity;
using Dapper;
using FluentValidation;
using MediatR;

namespace BizEnv.Invest.Application.Crm.Concierge.AssignConcierge;

/// <summary>
/// Assign a project's concierge 店小二: an A officer and a B officer (different people; both required
/// for key projects). Replacing a current assignment is a handover and needs a reason; the previous
/// assignment stays in the history.
/// </summary>
[AllowRoles(Role.PromotionOfficer)]
public sealed record AssignConcierge(Guid ProjectId, Guid AUserId, Guid? BUserId, string? HandoverReason) : ICommand<ProjectSummary>;

public sealed class AssignConciergeValidator : AbstractValidator<AssignConcierge>
{
    public AssignConciergeValidator()
    {
        RuleFor(x => x.AUserId).NotEmpty().WithText("concierge.a_required");
        RuleFor(x => x.BUserId).NotEqual(x => x.AUserId).WithText("concierge.a_equals_b").When(x => x.BUserId is not null);
        RuleFor(x => x.HandoverReason).MaximumLength(500).WithText("field.too_long", 500);
    }
}

public sealed class AssignConciergeHandler(IDbSession db, ActorContext actor, IAuditTrail audit, TimeProvider clock) : IRequestHandler<AssignConcierge, ProjectSummary>
{
    public async Task<ProjectSummary> Handle(AssignConcierge r, CancellationToken ct)
    {
        audit.Target("project", r.ProjectId, $"concierge A={r.AUserId} B={r.BUserId}");
        var cn = await db.ConnectionAsync(ct);
        var tx = db.Transaction;
        var project = await ProjectLoad.ForWrite(cn, tx, actor.Actor, r.ProjectId, ct);
        ConciergeRules.EnsureValid(r.AUserId, r.BUserId, Enum.Parse<KeyProjectLevel>(project.KeyLevel));

        var people = new[] { r.AUserId, r.BUserId }.OfType<Guid>().ToArray();
        var officers = await cn.ExecuteScalarAsync<long>(new CommandDefinition(
            "SELECT count(*) FROM users WHERE id = ANY(@people) AND 'PromotionOfficer' = ANY(roles) AND NOT is_disabled", new { people }, tx, cancellationToken: ct));
        if (officers != people.Length)
            throw ValidationText.FieldError(nameof(r.AUserId), "concierge.not_an_officer");

        var current = await cn.QuerySingleOrDefaultAsync<(Guid Id, Guid A, Guid? B)?>(new CommandDefinition(
            "SELECT id, a_user_id, b_user_id FROM concierge_assignments WHERE project_id = @ProjectId AND ended_at IS NULL FOR UPDATE",
            new { r.ProjectId }, tx, cancellationToken: ct));
        var now = clock.GetUtcNow();
        if (current is { } c)
        {
            if (c.A == r.AUserId && c.B == r.BUserId)
                return project.ToDto();
            if (string.IsNullOrWhiteSpace(r.HandoverReason))
                throw ValidationText.FieldError(nameof(r.HandoverReason), "concierge.handover_reason_required");
            await cn.ExecuteAsync(new CommandDefinition(
                "UPDATE concierge_assignments SET ended_at = @now, handover_reason = @reason WHERE id = @Id",
                new { c.Id, now, reason = r.HandoverReason.Trim() }, tx, cancellationToken: ct));
        }
        await cn.ExecuteAsync(new CommandDefinition("""
            INSERT INTO concierge_assignments (id, project_id, a_user_id, b_user_id, started_at, assigned_by) VALUES (@id, @ProjectId, @AUserId, @BUserId, @now, @by);
            UPDATE projects SET updated_at = @now, version = version + 1 WHERE id = @ProjectId;
            """, new { id = Guid.NewGuid(), r.ProjectId, r.AUserId, r.BUserId, now, by = actor.Actor.UserId }, tx, cancellationToken: ct));
        return await ProjectLoad.Reload(cn, tx, r.ProjectId, ct);
    }
}
