using BizEnv.Invest.Application.Abstractions;
using BizEnv.Invest.Application.Commitments.Ledger;
using BizEnv.Invest.Application.Common;
using BizEnv.Invest.Application.Crm;
using BizEnv.Invest.Domain.Commitments;
using BizEnv.Invest.Domain.Identity;
using Dapper;
using FluentValidation;
using MediatR;

namespace BizEnv.Invest.Application.Commitments.ChangeCommitmentStatus;

/// <summary>
/// Move a promise along its lifecycle: in progress; fulfilled (evidence required); partly fulfilled
/// (how much, in %); extended (new due date and the investor's consent document); cancelled (the
/// mutual agreement document). Fulfilment or cancellation gives back the capacity it held.
/// </summary>
[AllowRoles(Role.PromotionOfficer)]
public sealed record ChangeCommitmentStatus(
    Guid Id, CommitmentStatus To, string? Note, string? Evidence, decimal? FulfilledShare, DateOnly? NewDueDate, string? ConsentDocument,
    string? AgreementDocument, int Version) : ICommand<CommitmentState>;

public sealed class ChangeCommitmentStatusValidator : AbstractValidator<ChangeCommitmentStatus>
{
    public ChangeCommitmentStatusValidator()
    {
        RuleFor(x => x.To).Must(t => t is CommitmentStatus.InProgress or CommitmentStatus.Fulfilled or CommitmentStatus.PartlyFulfilled
            or CommitmentStatus.Extended or CommitmentStatus.Cancelled).WithText("commitment.status_not_manual");
        RuleFor(x => x.Evidence).NotEmpty().WithText("commitment.evidence_required").When(x => x.To == CommitmentStatus.Fulfilled);
        RuleFor(x => x.FulfilledShare).NotNull().WithText("commitment.share_required").InclusiveBetween(1, 99).WithText("commitment.share_range")
            .When(x => x.To == CommitmentStatus.PartlyFulfilled);
        RuleFor(x => x.NewDueDate).NotNull().WithText("commitment.new_due_required").When(x => x.To == CommitmentStatus.Extended);
        RuleFor(x => x.ConsentDocument).NotEmpty().WithText("commitment.consent_required").When(x => x.To == CommitmentStatus.Extended);
        RuleFor(x => x.AgreementDocument).NotEmpty().WithText("commitment.agreement_required").When(x => x.To == CommitmentStatus.Cancelled);
        RuleFor(x => x.Note).MaximumLength(2000).WithText("field.too_long", 2000);
    }
}

public sealed class ChangeCommitmentStatusHandler(IDbSession db, ActorContext actor, IAuditTrail audit, LedgerWriter ledger, TimeProvider clock)
    : IRequestHandler<ChangeCommitmentStatus, CommitmentState>
{
    public async Task<CommitmentState> Handle(ChangeCommitmentStatus r, CancellationToken ct)
    {
        audit.Target("commitment", r.Id, $"→ {r.To}");
        var cn = await db.ConnectionAsync(ct);
        var tx = db.Transaction!;
        var current = await CommitmentLoad.Lock(cn, tx, r.Id, ct);
        CrmAccess.EnsureWrite(actor.Actor, current.UnitId, "commitment", r.Id);
        if (current.Version != r.Version)
            throw new Errors.ConcurrencyConflictException("commitment", r.Id);
        CommitmentLifecycle.EnsureCanMove(current.Status, r.To);
        if (r.To == CommitmentStatus.Extended && r.NewDueDate <= current.DueDate)
            throw ValidationText.FieldError(nameof(r.NewDueDate), "commitment.new_due_not_later", current.DueDate);

        var now = clock.GetUtcNow();
        var due = r.To == CommitmentStatus.Extended ? r.NewDueDate!.Value : current.DueDate;
        await cn.ExecuteAsync(new CommandDefinition("""
            UPDATE commitments SET status = @to, due_date = @due, lapse_at = @lapseAt,
                   fulfilled_share = CASE WHEN @to = 'PartlyFulfilled' THEN @share WHEN @to = 'Fulfilled' THEN 100 ELSE fulfilled_share END,
                   updated_at = @now, version = version + 1
            WHERE id = @Id
            """, new { r.Id, to = r.To.ToString(), due, lapseAt = CommitmentDeadlines.LapseInstant(due), share = r.FulfilledShare, now }, tx, cancellationToken: ct));
        if (r.To is CommitmentStatus.Fulfilled or CommitmentStatus.Cancelled)
            await cn.ExecuteAsync(new CommandDefinition("""
                UPDATE reservations SET status = 'Released', released_at = @now, released_reason = @reason WHERE commitment_id = @Id AND status <> 'Released'
                """, new { r.Id, now, reason = r.To.ToString() }, tx, cancellationToken: ct));
        var reason = string.Join(" · ", new[] { r.Note, r.Evidence, r.ConsentDocument, r.AgreementDocument }.Where(x => !string.IsNullOrWhiteSpace(x)));
        var state = await CommitmentLoad.Read(cn, tx, r.Id, ct);
        await ledger.AppendAsync(cn, tx, r.Id, r.To.ToString(), actor.Actor.UserName, now, reason.Length == 0 ? null : reason, state, ct);
        return state;
    }
}
