using BizEnv.Invest.Domain.Calendar;
using BizEnv.Invest.Domain.Common;

namespace BizEnv.Invest.Domain.Commitments;

/// <summary>
/// A promise 承诺 the government made to an investor: its terms, where it stands, and every rule
/// about how it may change. Each method checks the current state, applies the change and returns it
/// (<see cref="PromiseChange"/>: the ledger event and what goes with it); the caller persists it. No
/// I/O here: authority limits arrive as data, and the words of a pending reason come from
/// <c>describe</c>, so the same rules hold wherever the promise lives.
/// </summary>
public sealed class Promise
{
    private Promise(Guid id, PromiseTerms terms, CommitmentStatus status, string? pendingReason, decimal? fulfilledShare, int version,
        PendingAmendment? pendingAmendment, Guid? agreementId, IReadOnlyList<Guid>? conditions, FairReviewStatus? fairReview = null)
    {
        FairReview = fairReview;
        Id = id;
        AgreementId = agreementId;
        Conditions = conditions ?? [];
        Terms = terms;
        Status = status;
        PendingReason = pendingReason;
        FulfilledShare = fulfilledShare;
        Version = version;
        Amendment = pendingAmendment;
    }

    public Guid Id { get; }
    public PromiseTerms Terms { get; private set; }
    public CommitmentStatus Status { get; private set; }
    /// <summary>Why a leader's approval is needed (the authority limit exceeded); null once no leader's approval is awaited.</summary>
    public string? PendingReason { get; private set; }

    /// <summary>The fair-competition review 公平竞争审查 of a flagged promise (null: not flagged).</summary>
    public FairReviewStatus? FairReview { get; private set; }

    /// <summary>The rules the promise matched when it was recorded (empty after a reload: they are kept with its row).</summary>
    public IReadOnlyList<FairRuleMatch> FairRules { get; private init; } = [];

    /// <summary>Waiting for a leader: held for approval with the authority limit it exceeded, not yet approved.</summary>
    public bool AwaitsLeader => Status == CommitmentStatus.PendingApproval && PendingReason is not null;
    public decimal? FulfilledShare { get; private set; }

    /// <summary>Goes up by one with every change of the promise's own row (what a page's optimistic check compares).</summary>
    public int Version { get; private set; }

    public PendingAmendment? Amendment { get; private set; }

    /// <summary>The investment agreement the promise was made under (null: outside any agreement).</summary>
    public Guid? AgreementId { get; }

    /// <summary>The investor obligations (of <see cref="AgreementId"/>) it is conditional on; empty: unconditional.</summary>
    public IReadOnlyList<Guid> Conditions { get; }

    public bool IsRunning => CommitmentLifecycle.Running.Contains(Status);

    /// <summary>Whether the promise holds capacity in a zone now (binding and not given back).</summary>
    public bool HoldsCapacity => Terms.TakesCapacity && Status is not (CommitmentStatus.PendingApproval or CommitmentStatus.Rejected
        or CommitmentStatus.Fulfilled or CommitmentStatus.Cancelled);

    /// <summary>The instant the promise lapses if still owed: derived from the due date here and nowhere else.</summary>
    public DateTimeOffset LapseAt => CommitmentDeadlines.LapseInstant(Terms.DueDate);

    /// <summary>A promise as stored (loaded by its grain on activation).</summary>
    public static Promise Restore(Guid id, PromiseTerms terms, CommitmentStatus status, string? pendingReason, decimal? fulfilledShare, int version,
        PendingAmendment? amendment, Guid? agreementId = null, IReadOnlyList<Guid>? conditions = null, FairReviewStatus? fairReview = null) =>
        new(id, terms, status, pendingReason, fulfilledShare, version, amendment, agreementId, conditions, fairReview);

    /// <summary>
    /// Records a promise. Within the promiser's authority and with a policy basis it binds at once
    /// (open, and a promise of capacity holds it); otherwise it waits for approval with the reason.
    /// A promise that matches a fair-competition rule waits too, for the reviewing unit's opinion
    /// (and a leader's approval as well if it also exceeds the authority): it binds once both passed.
    /// A binding promise made before 2018 that is still owed joins the remediation list. Made under an
    /// agreement it may be conditional on some of the agreement's obligations (the caller checked they are).
    /// </summary>
    public static (Promise Promise, PromiseChange Change) Record(Guid id, PromiseTerms terms, IEnumerable<AuthorityLimit> promiserLimits,
        Func<AuthorityCheck.Verdict, string> describe, IEnumerable<FairCompetitionRule>? fairRules = null, Guid? agreementId = null,
        IReadOnlyList<Guid>? conditions = null)
    {
        if (conditions is { Count: > 0 } && agreementId is null)
            throw new FieldRuleException("AgreementId", "commitment.conditions_need_agreement");
        if (terms.DueDate < terms.MadeOn)
            throw new FieldRuleException("DueDate", "commitment.due_before_made");
        if (TermsNeedValue(terms.Kind, terms.ValueCny))
            throw new FieldRuleException("ValueCny", "commitment.value_required");
        var verdict = AuthorityCheck.Evaluate(promiserLimits, terms.Kind, terms.ValueCny, terms.HasPolicyBasis);
        var matched = FairCompetitionReview.Matching(fairRules ?? [], terms.Kind, terms.Clause);
        var binds = verdict.Binding && matched.Count == 0;
        var status = binds ? CommitmentStatus.Open : CommitmentStatus.PendingApproval;
        var reason = verdict.Binding ? null : describe(verdict);
        var promise = new Promise(id, terms, status, reason, null, 1, null, agreementId, conditions?.Distinct().ToArray(),
            matched.Count > 0 ? FairReviewStatus.Pending : null) { FairRules = matched };
        return (promise, new PromiseChange("Recorded", reason, binds && terms.TakesCapacity ? CapacityStep.Hold : CapacityStep.None,
            JoinsRemediation: binds && RemediationRules.BelongsOnList(terms.MadeOn, status)));
    }

    /// <summary>
    /// A leader approves: the approver must hold the authority the promiser lacked (no leader limits set: all of it).
    /// With the fair-competition review still open the promise keeps waiting (no longer for a leader); else it binds.
    /// </summary>
    public PromiseChange Approve(IReadOnlyCollection<AuthorityLimit> approverLimits, Func<AuthorityCheck.Verdict, string> describe, string? opinion)
    {
        CommitmentLifecycle.EnsureCanMove(Status, CommitmentStatus.Open);
        // Open is also where a condition-unmet promise goes back to — by its conditions (ResumeOnConditions), never by approval.
        if (Status != CommitmentStatus.PendingApproval)
            throw new DomainException("commitment.transition_refused", Status, CommitmentStatus.Open);
        if (!AwaitsLeader && FairReview == FairReviewStatus.Pending)
            throw new DomainException("fairreview.leader_not_needed");
        EnsureApprover(approverLimits, Terms.ValueCny, describe);
        if (FairReview == FairReviewStatus.Pending)
        {
            PendingReason = null;
            Version++;
            return new PromiseChange("Approved", opinion);
        }
        return Bind("Approved", opinion);
    }

    /// <summary>
    /// The reviewing unit's opinion on a flagged promise (the opinion is required either way). Refused, the
    /// promise is rejected; passed, it binds — unless a leader's approval is still awaited, which then decides.
    /// </summary>
    public PromiseChange ReviewFairCompetition(bool pass, string? opinion)
    {
        if (string.IsNullOrWhiteSpace(opinion))
            throw new FieldRuleException("Opinion", "fairreview.opinion_required");
        if (FairReview != FairReviewStatus.Pending || Status != CommitmentStatus.PendingApproval)
            throw new DomainException("fairreview.not_pending");
        var words = opinion.Trim();
        if (!pass)
        {
            FairReview = FairReviewStatus.Refused;
            Move(CommitmentStatus.Rejected);
            return new PromiseChange(FairReviewOpinion, words);
        }
        FairReview = FairReviewStatus.Passed;
        if (AwaitsLeader)
        {
            Version++;
            return new PromiseChange(FairReviewOpinion, words);
        }
        return Bind(FairReviewOpinion, words);
    }

    /// <summary>The ledger events of the fair-competition review (prefixed by subject, as the ledger's other non-promise steps).</summary>
    public const string FairReviewRequested = "FairReview.Requested";

    public const string FairReviewOpinion = "FairReview.Opinion";

    private PromiseChange Bind(string @event, string? reason)
    {
        Move(CommitmentStatus.Open);
        return new PromiseChange(@event, reason, Terms.TakesCapacity ? CapacityStep.Hold : CapacityStep.None,
            JoinsRemediation: RemediationRules.BelongsOnList(Terms.MadeOn, Status));
    }

    public PromiseChange Reject(string opinion)
    {
        CommitmentLifecycle.EnsureCanMove(Status, CommitmentStatus.Rejected);
        Move(CommitmentStatus.Rejected);
        return new PromiseChange("Rejected", opinion);
    }

    public PromiseChange Start(string? note)
    {
        CommitmentLifecycle.EnsureCanMove(Status, CommitmentStatus.InProgress);
        Move(CommitmentStatus.InProgress);
        return new PromiseChange(nameof(CommitmentStatus.InProgress), Blank(note));
    }

    /// <summary>Fulfilled with evidence: the whole promise delivered, its capacity handed over (released from the zone's books).</summary>
    public PromiseChange Fulfil(string evidence, string? note)
    {
        if (string.IsNullOrWhiteSpace(evidence))
            throw new FieldRuleException("Evidence", "commitment.evidence_required");
        CommitmentLifecycle.EnsureCanMove(Status, CommitmentStatus.Fulfilled);
        Move(CommitmentStatus.Fulfilled);
        FulfilledShare = 100;
        return new PromiseChange(nameof(CommitmentStatus.Fulfilled), Join(note, evidence), Terms.TakesCapacity ? CapacityStep.Release : CapacityStep.None);
    }

    public PromiseChange FulfilPartly(decimal share, string? note)
    {
        if (share is < 1 or > 99)
            throw new FieldRuleException("FulfilledShare", "commitment.share_range");
        CommitmentLifecycle.EnsureCanMove(Status, CommitmentStatus.PartlyFulfilled);
        Move(CommitmentStatus.PartlyFulfilled);
        FulfilledShare = share;
        return new PromiseChange(nameof(CommitmentStatus.PartlyFulfilled), Blank(note));
    }

    /// <summary>Extended to a later due date with the investor's consent document; the lapse moves with it.</summary>
    public PromiseChange Extend(DateOnly newDueDate, string consentDocument, string? note)
    {
        if (string.IsNullOrWhiteSpace(consentDocument))
            throw new FieldRuleException("ConsentDocument", "commitment.consent_required");
        CommitmentLifecycle.EnsureCanMove(Status, CommitmentStatus.Extended);
        if (newDueDate <= Terms.DueDate)
            throw new FieldRuleException("NewDueDate", "commitment.new_due_not_later", Terms.DueDate);
        Move(CommitmentStatus.Extended);
        Terms = Terms with { DueDate = newDueDate };
        return new PromiseChange(nameof(CommitmentStatus.Extended), Join(note, consentDocument));
    }

    /// <summary>Cancelled by mutual agreement (the document required); capacity goes back to the zone.</summary>
    public PromiseChange Cancel(string agreementDocument, string? note)
    {
        if (string.IsNullOrWhiteSpace(agreementDocument))
            throw new FieldRuleException("AgreementDocument", "commitment.agreement_required");
        CommitmentLifecycle.EnsureCanMove(Status, CommitmentStatus.Cancelled);
        Move(CommitmentStatus.Cancelled);
        return new PromiseChange(nameof(CommitmentStatus.Cancelled), Join(note, agreementDocument), Terms.TakesCapacity ? CapacityStep.Release : CapacityStep.None);
    }

    /// <summary>
    /// The due date has ended with the promise still owed. A conditional promise with a condition unmet
    /// (<paramref name="conditions"/>: its obligations as they stand) has not been broken: it becomes
    /// condition unmet — no alert, no list entry, capacity still held. Otherwise: made on or after
    /// 2018-01-01, the lapse is a credit-integrity breach (an alert is raised with it); made earlier, the
    /// promise joins the remediation list instead. Capacity stays held: the land is still owed.
    /// </summary>
    public PromiseChange Lapse(IReadOnlyCollection<ConditionState>? conditions = null)
    {
        CommitmentLifecycle.EnsureCanMove(Status, CommitmentStatus.Lapsed);
        if (Conditions.Count > 0)
        {
            var states = conditions ?? throw new InvalidOperationException("A conditional promise lapses only with its conditions' states.");
            if (!PromiseConditions.AllSatisfied(Conditions, states))
            {
                Move(CommitmentStatus.ConditionUnmet);
                var unmet = Conditions.Count(id => !states.Any(s => s.ObligationId == id && s.Satisfied));
                return new PromiseChange(nameof(CommitmentStatus.ConditionUnmet), Coded.Text("ledger.reason.condition_unmet", unmet, Conditions.Count));
            }
        }
        Move(CommitmentStatus.Lapsed);
        var breach = CommitmentDeadlines.LapseIsBreach(Terms.MadeOn);
        return new PromiseChange("Lapsed", Coded.Text(breach ? "ledger.reason.breach" : "ledger.reason.remediation"), RaisesBreach: breach, JoinsRemediation: !breach);
    }

    /// <summary>
    /// A condition-unmet promise whose conditions are all met now runs again: due <paramref name="paymentDays"/>
    /// working days after the last condition was reached (the agreement's rule), open, its deadlines re-armed —
    /// and if that date ends undelivered it lapses as any promise does. Null while a condition is still unmet
    /// or the date runs into a calendar year not loaded yet (it is computed once the year is added).
    /// </summary>
    public PromiseChange? ResumeOnConditions(IReadOnlyCollection<ConditionState> conditions, WorkingDayCalendar calendar, int paymentDays)
    {
        if (Status != CommitmentStatus.ConditionUnmet)
            throw new DomainException("commitment.transition_refused", Status, CommitmentStatus.Open);
        if (PromiseConditions.DueAfter(Conditions, conditions, calendar, paymentDays) is not { } due)
            return null;
        Move(CommitmentStatus.Open);
        Terms = Terms with { DueDate = due };
        return new PromiseChange("ConditionsMet", Coded.Text("ledger.reason.conditions_met", due.ToString("yyyy-MM-dd"), paymentDays));
    }

    /// <summary>
    /// Amends the terms of a running promise. Narrowing or rewording applies at once. Widening — more
    /// value, or the policy basis taken away — passes the promiser's authority: within it, it applies;
    /// beyond it, it waits for a leader (<see cref="Amendment"/>) and the old terms stand meanwhile.
    /// </summary>
    public PromiseChange Amend(Guid amendmentId, AmendedTerms terms, string reason, IEnumerable<AuthorityLimit> promiserLimits,
        Func<AuthorityCheck.Verdict, string> describe, out string? pendingReason)
    {
        if (!CommitmentAmendment.CanAmend(Status))
            throw new DomainException("amendment.not_running", Status);
        if (TermsNeedValue(Terms.Kind, terms.ValueCny))
            throw new FieldRuleException("ValueCny", "commitment.value_required");
        if (Amendment is not null)
            throw new DomainException("amendment.already_pending");
        pendingReason = null;
        if (CommitmentAmendment.Widens(Terms.ValueCny, terms.ValueCny, Terms.HasPolicyBasis, terms.HasPolicyBasis))
        {
            var verdict = AuthorityCheck.Evaluate(promiserLimits, Terms.Kind, terms.ValueCny, terms.HasPolicyBasis);
            if (!verdict.Binding)
            {
                pendingReason = describe(verdict);
                Amendment = new PendingAmendment(amendmentId, terms, reason, 1);
                return new PromiseChange("AmendmentRequested", $"{reason} · {pendingReason}", ChangesRow: false);
            }
        }
        Apply(terms);
        return new PromiseChange("Amended", reason);
    }

    /// <summary>A leader decides a pending amendment: approved, its terms apply (if the promise still runs); rejected, the old terms stand.</summary>
    public PromiseChange ReviewAmendment(Guid amendmentId, int version, bool approve, string? opinion, IReadOnlyCollection<AuthorityLimit> approverLimits,
        Func<AuthorityCheck.Verdict, string> describe)
    {
        if (Amendment is not { } pending || pending.Id != amendmentId)
            throw new DomainException("amendment.already_reviewed");
        if (pending.Version != version)
            throw new VersionConflictException("amendment", amendmentId);
        if (!approve)
        {
            Amendment = null;
            return new PromiseChange("AmendmentRejected", opinion, ChangesRow: false);
        }
        if (!CommitmentAmendment.CanAmend(Status))
            throw new DomainException("amendment.not_running", Status);
        EnsureApprover(approverLimits, pending.Terms.ValueCny, describe);
        Amendment = null;
        Apply(pending.Terms);
        return new PromiseChange("Amended", Join(pending.Reason, opinion));
    }

    /// <summary>The version a page read must still be current: someone else's change in between is a conflict, not an overwrite.</summary>
    public void EnsureVersion(int version)
    {
        if (version != Version)
            throw new VersionConflictException("commitment", Id);
    }

    private void EnsureApprover(IReadOnlyCollection<AuthorityLimit> approverLimits, decimal? value, Func<AuthorityCheck.Verdict, string> describe)
    {
        if (approverLimits.Count == 0)
            return;
        var verdict = AuthorityCheck.Evaluate(approverLimits, Terms.Kind, value, hasPolicyBasis: true);
        if (!verdict.Binding)
            throw new DomainException("authority.approver_lacks", describe(verdict));
    }

    private void Apply(AmendedTerms t)
    {
        Terms = Terms with { Clause = t.Clause, ValueCny = t.ValueCny, PolicyTitle = t.PolicyTitle, PolicyNumber = t.PolicyNumber, ContractRef = t.ContractRef };
        Version++;
    }

    private void Move(CommitmentStatus to)
    {
        Status = to;
        Version++;
    }

    private static bool TermsNeedValue(CommitmentKind kind, decimal? value) => value is null && PromiseTerms.NeedsValue(kind);

    private static string? Blank(string? s) => string.IsNullOrWhiteSpace(s) ? null : s.Trim();

    // Every caller passes at least one required text (evidence, consent, agreement, the amendment's reason), so the result is never empty.
    private static string Join(params string?[] parts) => string.Join(" · ", parts.Where(p => !string.IsNullOrWhiteSpace(p)).Select(p => p!.Trim()));
}
