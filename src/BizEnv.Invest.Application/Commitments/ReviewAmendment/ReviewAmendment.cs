using BizEnv.Invest.Application.Abstractions;
using BizEnv.Invest.Application.Commitments.AmendCommitment;
using BizEnv.Invest.Application.Commitments.Ledger;
using BizEnv.Invest.Application.Common;
using BizEnv.Invest.Domain.Commitments;
using BizEnv.Invest.Domain.Common;
using BizEnv.Invest.Domain.Identity;
using Dapper;
using FluentValidation;
using MediatR;

namespace BizEnv.Invest.Application.Commitments.ReviewAmendment;

/// <summary>
/// A leader approves a widening amendment held for approval (its terms then apply — if the promise
/// is still running) or rejects it with an opinion; the promise keeps its old terms on rejection.
/// </summary>
[AllowRoles(Role.Leader)]
public sealed record ReviewAmendment(Guid AmendmentId, bool Approve, string? Opinion, int Version) : ICommand<CommitmentState>;

public sealed class ReviewAmendmentValidator : AbstractValidator<ReviewAmendment>
{
    public ReviewAmendmentValidator()
    {
        RuleFor(x => x.Opinion).NotEmpty().WithText("review.opinion_required").When(x => !x.Approve);
        RuleFor(x => x.Opinion).MaximumLength(2000).WithText("field.too_long", 2000);
    }
}

public sealed class ReviewAmendmentHandler(IDbSession db, ActorContext actor, IAuditTrail audit, LedgerWriter ledger, TimeProvider clock)
    : IRequestHandler<ReviewAmendment, CommitmentState>
{
    public async Task<CommitmentState> Handle(ReviewAmendment r, CancellationToken ct)
    {
        audit.Target("amendment", r.AmendmentId, r.Approve ? "approved" : "rejected");
        var cn = await db.ConnectionAsync(ct);
        var tx = db.Transaction!;
        var a = await cn.QuerySingleOrDefaultAsync<AmendmentRow>(new CommandDefinition("""
            SELECT commitment_id AS CommitmentId, clause AS Clause, value_cny AS ValueCny, policy_title AS PolicyTitle, policy_number AS PolicyNumber,
                   contract_ref AS ContractRef, reason AS Reason, status AS Status, version AS Version
            FROM commitment_amendments WHERE id = @AmendmentId FOR UPDATE
            """, new { r.AmendmentId }, tx, cancellationToken: ct)) ?? throw new Errors.NotFoundException("amendment", r.AmendmentId);
        if (a.Version != r.Version)
            throw new Errors.ConcurrencyConflictException("amendment", r.AmendmentId);
        if (a.Status != "Pending")
            throw new DomainException("amendment.already_reviewed");
        var current = await CommitmentLoad.Lock(cn, tx, a.CommitmentId, ct);
        if (r.Approve && !CommitmentAmendment.CanAmend(current.Status))
            throw new DomainException("amendment.not_running", current.Status);
        if (r.Approve)
            await AuthorityLimitSource.EnsureApproverAsync(cn, tx, actor.Actor, current.Kind, a.ValueCny, ct);
        var now = clock.GetUtcNow();
        await cn.ExecuteAsync(new CommandDefinition("""
            UPDATE commitment_amendments SET status = @status, reviewed_by = @by, reviewed_at = @now, opinion = @Opinion, version = version + 1 WHERE id = @AmendmentId
            """, new { r.AmendmentId, status = r.Approve ? "Applied" : "Rejected", by = actor.Actor.UserId, now, r.Opinion }, tx, cancellationToken: ct));
        if (!r.Approve)
        {
            await ledger.AppendAsync(cn, tx, a.CommitmentId, "AmendmentRejected", actor.Actor.UserName, now, r.Opinion, current, ct);
            return current;
        }
        var state = await AmendmentTerms.ApplyAsync(cn, tx, a.CommitmentId, new AmendmentTerms(a.Clause, a.ValueCny, a.PolicyTitle, a.PolicyNumber, a.ContractRef), now, ct);
        await ledger.AppendAsync(cn, tx, a.CommitmentId, "Amended", actor.Actor.UserName, now,
            string.Join(" · ", new[] { a.Reason, r.Opinion }.Where(x => !string.IsNullOrWhiteSpace(x))), state, ct);
        return state;
    }

    private sealed record AmendmentRow(Guid CommitmentId, string Clause, decimal? ValueCny, string? PolicyTitle, string? PolicyNumber, string? ContractRef,
        string Reason, string Status, int Version);
}
