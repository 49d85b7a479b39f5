using BizEnv.Invest.Domain.Common;
using BizEnv.Invest.Application.Abstractions;
using BizEnv.Invest.Application.Common;
using BizEnv.Invest.Domain.Identity;
using Dapper;
using FluentValidation;
using MediatR;

namespace BizEnv.Invest.Application.Crm.Visits.LogVisit;

/// <summary>
/// A visit 走访 to a firm by one or more officers, with the demands 诉求 the firm raised — each a
/// tracked item with an owner and a due date. Any unit may visit any registered firm; the visit
/// belongs to the visiting officer's unit and shows on the firm's page for everyone. A visit made for a
/// chain target 招商目标 (<see cref="TargetId"/>) counts on the target's path, and moves a new target to "contacted".
/// </summary>
[AllowRoles(Role.PromotionOfficer)]
public sealed record LogVisit(
    Guid InvestorId, Guid? ProjectId, DateOnly VisitedOn, string Purpose, string? Notes, IReadOnlyList<Guid> OfficerIds,
    IReadOnlyList<DemandInput> Demands, Guid? TargetId = null) : ICommand<Guid>;

public sealed record DemandInput(string Description, Guid OwnerId, DateOnly DueDate);

public sealed class LogVisitValidator : AbstractValidator<LogVisit>
{
    public LogVisitValidator(TimeProvider clock)
    {
        RuleFor(x => x.InvestorId).NotEmpty().WithText("visit.investor_required");
        RuleFor(x => x.Purpose).NotEmpty().WithText("visit.purpose_required").MaximumLength(200).WithText("field.too_long", 200);
        RuleFor(x => x.Notes).MaximumLength(4000).WithText("field.too_long", 4000);
        RuleFor(x => x.VisitedOn).Must(d => d <= clock.Today()).WithText("visit.in_future");
        RuleFor(x => x.OfficerIds).NotNull();
        RuleFor(x => x.Demands).NotNull();
        RuleForEach(x => x.Demands).ChildRules(d =>
        {
            d.RuleFor(x => x.Description).NotEmpty().WithText("demand.description_required").MaximumLength(1000).WithText("field.too_long", 1000);
            d.RuleFor(x => x.OwnerId).NotEmpty().WithText("demand.owner_required");
        });
        RuleForEach(x => x.Demands).Must((v, d) => d.DueDate >= v.VisitedOn).WithText("demand.due_before_visit");
    }

}

public sealed class LogVisitHandler(IDbSession db, ActorContext actor, IAuditTrail audit, TimeProvider clock) : IRequestHandler<LogVisit, Guid>
{
    public async Task<Guid> Handle(LogVisit r, CancellationToken ct)
    {
        var me = actor.Actor;
        var id = Guid.NewGuid();
        audit.Target("visit", id, r.Purpose);
        var cn = await db.ConnectionAsync(ct);
        var tx = db.Transaction;
        if (!await cn.ExecuteScalarAsync<bool>(new CommandDefinition("SELECT EXISTS (SELECT 1 FROM investors WHERE id = @InvestorId)", new { r.InvestorId }, tx, cancellationToken: ct)))
            throw ValidationText.FieldError(nameof(r.InvestorId), "visit.investor_unknown");
        if (r.ProjectId is { } project && !await cn.ExecuteScalarAsync<bool>(new CommandDefinition(
                "SELECT EXISTS (SELECT 1 FROM projects WHERE id = @project AND investor_id = @InvestorId AND unit_id = @unit)",
                new { project, r.InvestorId, unit = me.UnitId }, tx, cancellationToken: ct)))
            throw ValidationText.FieldError(nameof(r.ProjectId), "visit.project_mismatch");
        if (r.TargetId is { } target)
            await Chains.Targets.TargetVisits.EnsureVisitable(cn, tx!, target, r.InvestorId, clock.GetUtcNow(), ct);
        // The officer logging the visit is always one of the visitors.
        var officers = r.OfficerIds.Append(me.UserId!.Value).Distinct().ToArray();
        var people = officers.Concat(r.Demands.Select(d => d.OwnerId)).Distinct().ToArray();
        if (await cn.ExecuteScalarAsync<long>(new CommandDefinition("SELECT count(*) FROM users WHERE id = ANY(@people) AND NOT is_disabled",
                new { people }, tx, cancellationToken: ct)) != people.Length)
            throw ValidationText.FieldError(nameof(r.OfficerIds), "visit.person_unknown");

        await cn.ExecuteAsync(new CommandDefinition("""
            INSERT INTO visits (id, unit_id, investor_id, project_id, visited_on, purpose, notes, created_by, created_at, chain_target_id)
            VALUES (@id, @unit, @InvestorId, @ProjectId, @VisitedOn, @purpose, @Notes, @by, @now, @TargetId)
            """, new { id, unit = me.UnitId, r.InvestorId, r.ProjectId, r.VisitedOn, purpose = r.Purpose.Trim(), r.Notes, by = me.UserId, now = clock.GetUtcNow(), r.TargetId },
            tx, cancellationToken: ct));
        await cn.ExecuteAsync(new CommandDefinition("INSERT INTO visit_officers (visit_id, user_id) VALUES (@id, @user)",
            officers.Select(user => new { id, user }), tx, cancellationToken: ct));
        await cn.ExecuteAsync(new CommandDefinition("""
            INSERT INTO demands (id, visit_id, description, owner_id, due_date) VALUES (@did, @id, @Description, @OwnerId, @DueDate)
            """, r.Demands.Select(d => new { did = Guid.NewGuid(), id, Description = d.Description.Trim(), d.OwnerId, d.DueDate }), tx, cancellationToken: ct));
        return id;
    }
}
