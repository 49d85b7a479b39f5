using BizEnv.Invest.Application.Abstractions;
using BizEnv.Invest.Application.Commitments.Ledger;
using BizEnv.Invest.Application.Common;
using BizEnv.Invest.Application.Crm;
using BizEnv.Invest.Domain.Commitments;
using BizEnv.Invest.Domain.Common;
using BizEnv.Invest.Domain.Identity;
using Dapper;
using FluentValidation;
using MediatR;

namespace BizEnv.Invest.Application.Commitments.AmendCommitment;

/// <summary>
/// Amend the terms of a running promise (clause, value, policy basis, contract reference) with a
/// reason. Narrowing or rewording applies at once. Widening — more value, or the policy basis taken
/// away — passes the promiser's authority check: within it, it applies; beyond it, the amendment
/// waits for a leader and the promise keeps its old terms meanwhile. Due dates change by extension
/// (with the investor's consent), and capacity by a new promise, not by amendment.
/// </summary>
[AllowRoles(Role.PromotionOfficer)]
public sealed record AmendCommitment(Guid Id, string Clause, decimal? ValueCny, string? PolicyTitle, string? PolicyNumber, string? ContractRef, string Reason, int Version)
    : ICommand<AmendmentResult>;

public sealed record AmendmentResult(bool Applied, string? PendingReason, CommitmentState State);

public sealed class AmendCommitmentValidator : AbstractValidator<AmendCommitment>
{
    public AmendCommitmentValidator()
    {
        RuleFor(x => x.Clause).NotEmpty().WithText("commitment.clause_required").MaximumLength(4000).WithText("field.too_long", 4000);
        RuleFor(x => x.ValueCny).GreaterThanOrEqualTo(0).WithText("field.not_negative").LessThan(10_000_000_000_000_000m).WithText("field.amount_too_large");
        RuleFor(x => x.Reason).NotEmpty().WithText("amendment.reason_required").MaximumLength(2000).WithText("field.too_long", 2000);
        RuleFor(x => x.PolicyTitle).MaximumLength(200).WithText("field.too_long", 200);
        RuleFor(x => x.PolicyNumber).MaximumLength(100).WithText("field.too_long", 100);
        RuleFor(x => x.ContractRef).MaximumLength(100).WithText("field.too_long", 100);
    }
}

public sealed class AmendCommitmentHandler(IDbSession db, ActorContext actor, IAuditTrail audit, LedgerWriter ledger, TimeProvider clock)
    : IRequestHandler<AmendCommitment, AmendmentResult>
{
    public async Task<AmendmentResult> Handle(AmendCommitment r, CancellationToken ct)
    {
        var me = actor.Actor;
        audit.Target("commitment", r.Id, $"amend {r.ValueCny}");
        var cn = await db.ConnectionAsync(ct);
        var tx = db.Transaction!;
        var current = await CommitmentLoad.Lock(cn, tx, r.Id, ct);
        CrmAccess.EnsureWrite(me, current.UnitId, "commitment", r.Id);
        if (current.Version != r.Version)
            throw new Errors.ConcurrencyConflictException("commitment", r.Id);
        if (!CommitmentAmendment.CanAmend(current.Status))
            throw new DomainException("amendment.not_running", current.Status);
        if (r.ValueCny is null && current.Kind is CommitmentKind.TaxRebate or CommitmentKind.Subsidy or CommitmentKind.Financing)
            throw ValidationText.FieldError(nameof(r.ValueCny), "commitment.value_required");
        var waiting = await cn.ExecuteScalarAsync<bool>(new CommandDefinition(
            "SELECT EXISTS (SELECT 1 FROM commitment_amendments WHERE commitment_id = @Id AND status = 'Pending')", new { r.Id }, tx, cancellationToken: ct));
        if (waiting)
            throw new DomainException("amendment.already_pending");

        var newBasis = !string.IsNullOrWhiteSpace(r.PolicyTitle) && !string.IsNullOrWhiteSpace(r.PolicyNumber);
        var widens = CommitmentAmendment.Widens(current.ValueCny, r.ValueCny, current.PolicyTitle is not null && current.PolicyNumber is not null, newBasis);
        var (binding, pendingReason) = widens ? await AuthorityLimitSource.JudgePromiserAsync(cn, tx, me, current.Kind, r.ValueCny, newBasis, ct) : (true, null);
        var now = clock.GetUtcNow();
        var terms = new AmendmentTerms(r.Clause.Trim(), r.ValueCny, Blank(r.PolicyTitle), Blank(r.PolicyNumber), Blank(r.ContractRef));
        var amendmentId = Guid.NewGuid();
        await cn.ExecuteAsync(new CommandDefinition("""
            INSERT INTO commitment_amendments (id, commitment_id, clause, value_cny, policy_title, policy_number, contract_ref, reason, widens, pending_reason,
                                               status, requested_by, requested_at)
            VALUES (@amendmentId, @Id, @Clause, @ValueCny, @PolicyTitle, @PolicyNumber, @ContractRef, @reason, @widens, @pendingReason, @status, @by, @now)
            """, new
        {
            amendmentId, r.Id, terms.Clause, terms.ValueCny, terms.PolicyTitle, terms.PolicyNumber, terms.ContractRef, reason = r.Reason.Trim(), widens,
            pendingReason, status = binding ? "Applied" : "Pending", by = me.UserId, now,
        }, tx, cancellationToken: ct));
        if (!binding)
        {
            await ledger.AppendAsync(cn, tx, r.Id, "AmendmentRequested", me.UserName, now, $"{r.Reason.Trim()} · {pendingReason}",
                new { Commitment = current, ProposedTerms = terms }, ct);
            return new AmendmentResult(false, pendingReason, current);
        }
        var state = await AmendmentTerms.ApplyAsync(cn, tx, r.Id, terms, now, ct);
        await ledger.AppendAsync(cn, tx, r.Id, "Amended", me.UserName, now, r.Reason.Trim(), state, ct);
        return new AmendmentResult(true, null, state);
    }

    private static string? Blank(string? s) => string.IsNullOrWhiteSpace(s) ? null : s.Trim();
}

/// <summary>The amendable terms of a promise.</summary>
public sealed record AmendmentTerms(string Clause, decimal? ValueCny, string? PolicyTitle, string? PolicyNumber, string? ContractRef)
{
    public static async Task<CommitmentState> ApplyAsync(Npgsql.NpgsqlConnection cn, Npgsql.NpgsqlTransaction tx, Guid id, AmendmentTerms t, DateTimeOffset now,
        CancellationToken ct)
    {
        await cn.ExecuteAsync(new CommandDefinition("""
            UPDATE commitments SET clause = @Clause, value_cny = @ValueCny, policy_title = @PolicyTitle, policy_number = @PolicyNumber, contract_ref = @ContractRef,
                   updated_at = @now, version = version + 1
            WHERE id = @id
            """, new { id, t.Clause, t.ValueCny, t.PolicyTitle, t.PolicyNumber, t.ContractRef, now }, tx, cancellationToken: ct));
        return await CommitmentLoad.Read(cn, tx, id, ct);
    }
}
