using BizEnv.Invest.Domain.Commitments;
using BizEnv.Invest.Domain.Zones;
using BizEnv.Invest.Domain.Common;
using Dapper;
using Npgsql;

namespace BizEnv.Invest.Application.Commitments.Promises;

/// <summary>Everything a promise's grain keeps: the aggregate, who it is between, and its deadline bookkeeping.</summary>
public sealed record PromiseRecord(Promise Promise, PromiseParties Parties, IReadOnlySet<int> WarningsDone);

/// <summary>
/// The promise grain's rows: loads the aggregate on activation, and writes the read-side row after
/// each change — guarded by the version it was loaded at, so a second activation that somehow ran
/// alongside (a silo wrongly declared dead) can never write over the first: its change is refused.
/// </summary>
public static class PromiseRows
{
    private sealed record Row(
        Guid Id, Guid ProjectId, Guid InvestorId, Guid UnitId, Guid? PromiserId, string PromiserName, string Kind, string Clause, decimal? ValueCny, Guid? ZoneId,
        string? Resource, decimal? Amount, DateOnly MadeOn, DateOnly DueDate, string? PolicyTitle, string? PolicyNumber, string? ContractRef, string Status,
        string? PendingReason, decimal? FulfilledShare, int Version, string? FairReview, Guid? AgreementId);

    /// <summary>
    /// The promises with these ids as stored (absent: none with that id), read in one round trip however many — the
    /// grains' reads are gathered by <see cref="PromiseLoads"/>, so a storm of activations (a programme falling due, a
    /// restart) reads in batches rather than a query per grain.
    /// </summary>
    /// <remarks>A row that cannot be read back into a promise (a status this build does not know, say, during a rolling
    /// upgrade) fails its own id only (<paramref name="unreadable"/>), not every grain of the batch.</remarks>
    public static async Task<Dictionary<Guid, PromiseRecord>> LoadManyAsync(NpgsqlConnection cn, IReadOnlyCollection<Guid> ids, CancellationToken ct,
        Dictionary<Guid, Exception>? unreadable = null)
    {
        // Every result is read before the reader is let go: disposing one with results left waits for them synchronously (4 ms a grain).
        await using var read = await cn.QueryMultipleAsync(new CommandDefinition("""
            SELECT id AS Id, project_id AS ProjectId, investor_id AS InvestorId, unit_id AS UnitId, promiser_id AS PromiserId, promiser_name AS PromiserName,
                   kind AS Kind, clause AS Clause, value_cny AS ValueCny, zone_id AS ZoneId, resource AS Resource, amount AS Amount, made_on AS MadeOn,
                   due_date AS DueDate, policy_title AS PolicyTitle, policy_number AS PolicyNumber, contract_ref AS ContractRef, status AS Status,
                   pending_reason AS PendingReason, fulfilled_share AS FulfilledShare, version AS Version, fair_review AS FairReview, agreement_id AS AgreementId
            FROM commitments WHERE id = ANY(@ids);
            SELECT commitment_id AS CommitmentId, id AS Id, clause AS Clause, value_cny AS ValueCny, policy_title AS PolicyTitle, policy_number AS PolicyNumber,
                   contract_ref AS ContractRef, reason AS Reason, version AS Version
            FROM commitment_amendments WHERE commitment_id = ANY(@ids) AND status = 'Pending';
            SELECT w.commitment_id, w.days_before FROM commitment_warnings w JOIN commitments c ON c.id = w.commitment_id AND c.due_date = w.due_date
            WHERE w.commitment_id = ANY(@ids);
            SELECT commitment_id, obligation_id FROM commitment_conditions WHERE commitment_id = ANY(@ids) ORDER BY commitment_id, obligation_id;
            """, new { ids = ids as Guid[] ?? [.. ids] }, cancellationToken: ct));
        var rows = (await read.ReadAsync<Row>()).ToList();
        var pending = (await read.ReadAsync<(Guid CommitmentId, Guid Id, string Clause, decimal? ValueCny, string? PolicyTitle, string? PolicyNumber,
            string? ContractRef, string Reason, int Version)>()).ToDictionary(p => p.CommitmentId);
        var warnings = (await read.ReadAsync<(Guid CommitmentId, int Days)>()).ToLookup(w => w.CommitmentId, w => w.Days);
        var conditions = (await read.ReadAsync<(Guid CommitmentId, Guid ObligationId)>()).ToLookup(c => c.CommitmentId, c => c.ObligationId);
        var loaded = new Dictionary<Guid, PromiseRecord>(rows.Count);
        foreach (var row in rows)
        {
            try
            {
                loaded[row.Id] = Restore(row, pending, warnings, conditions);
            }
            catch (Exception ex) when (unreadable is not null && ex is ArgumentException or FormatException or DomainException)
            {
                unreadable[row.Id] = ex;
            }
        }
        return loaded;
    }

    private static PromiseRecord Restore(Row row,
        Dictionary<Guid, (Guid CommitmentId, Guid Id, string Clause, decimal? ValueCny, string? PolicyTitle, string? PolicyNumber, string? ContractRef, string Reason, int Version)> pending,
        ILookup<Guid, int> warnings, ILookup<Guid, Guid> conditions)
    {
        var terms = new PromiseTerms(Enum.Parse<CommitmentKind>(row.Kind), row.Clause, row.ValueCny, row.ZoneId,
            row.Resource is null ? null : Enum.Parse<Resource>(row.Resource), row.Amount, row.MadeOn, row.DueDate, row.PolicyTitle, row.PolicyNumber, row.ContractRef);
        var amendment = pending.TryGetValue(row.Id, out var p)
            ? new PendingAmendment(p.Id, new AmendedTerms(p.Clause, p.ValueCny, p.PolicyTitle, p.PolicyNumber, p.ContractRef), p.Reason, p.Version)
            : null;
        var promise = Promise.Restore(row.Id, terms, Enum.Parse<CommitmentStatus>(row.Status), row.PendingReason, row.FulfilledShare, row.Version, amendment,
            row.AgreementId, [.. conditions[row.Id]], row.FairReview is null ? null : Enum.Parse<FairReviewStatus>(row.FairReview));
        return new PromiseRecord(promise, new PromiseParties(row.ProjectId, row.InvestorId, row.UnitId, row.PromiserId, row.PromiserName),
            warnings[row.Id].ToHashSet());
    }

    /// <summary>
    /// Writes the promise's row as the aggregate now stands — inserted when new, else updated from
    /// <paramref name="loadedVersion"/> — and reads back its full state (what the ledger entry records)
    /// in the same round trip. A row that was not at the loaded version any more is a conflict.
    /// </summary>
    /// <summary>A new promise's row (public for the benchmark's raw run of the same statements).</summary>
    public const string Insert = """
        INSERT INTO commitments (id, project_id, investor_id, unit_id, kind, clause, value_cny, zone_id, resource, amount, made_on, due_date, lapse_at,
                                 promiser_id, owner_id, promiser_name, policy_title, policy_number, contract_ref, status, pending_reason, fulfilled_share,
                                 version, created_at, updated_at, fair_review, fair_review_rules, agreement_id)
        VALUES (@Id, @ProjectId, @InvestorId, @UnitId, @kind, @Clause, @ValueCny, @ZoneId, @resource, @Amount, @MadeOn, @DueDate, @lapseAt,
                @PromiserId, @PromiserId, @PromiserName, @PolicyTitle, @PolicyNumber, @ContractRef, @status, @PendingReason, @FulfilledShare, @Version, @now, @now,
                @fairReview, @fairRules::jsonb, @AgreementId);
        """;

    /// <summary>The promise's state as written, read back in the same round trip (at the new version only if the write happened).</summary>
    public const string ReadBack = CommitmentRow.Select + " WHERE c.id = @Id AND c.version = @Version";

    private const string InsertConditions = "INSERT INTO commitment_conditions (commitment_id, obligation_id) SELECT @Id, o FROM unnest(@conditions) AS o;\n";

    public static async Task<CommitmentState> SaveAsync(NpgsqlConnection cn, NpgsqlTransaction tx, Promise p, PromiseParties parties, int? loadedVersion,
        DateTimeOffset now, CancellationToken ct)
    {
        var t = p.Terms;
        var args = new
        {
            p.Id, parties.ProjectId, parties.InvestorId, parties.UnitId, kind = t.Kind.ToString(), t.Clause, t.ValueCny, t.ZoneId, resource = t.Resource?.ToString(),
            t.Amount, t.MadeOn, t.DueDate, lapseAt = p.LapseAt, parties.PromiserId, parties.PromiserName, t.PolicyTitle, t.PolicyNumber, t.ContractRef,
            status = p.Status.ToString(), p.PendingReason, p.FulfilledShare, p.Version, now, loadedVersion, fairReview = p.FairReview?.ToString(),
            fairRules = p.FairRules.Count == 0 ? null : System.Text.Json.JsonSerializer.Serialize(p.FairRules, Ledger.LedgerWriter.StateJson),
            p.AgreementId, conditions = p.Conditions.ToArray(),
        };
        var write = loadedVersion is null
            ? p.Conditions.Count == 0 ? Insert : Insert + InsertConditions
            : """
              UPDATE commitments SET clause = @Clause, value_cny = @ValueCny, due_date = @DueDate, lapse_at = @lapseAt, policy_title = @PolicyTitle,
                     policy_number = @PolicyNumber, contract_ref = @ContractRef, status = @status, fulfilled_share = @FulfilledShare, version = @Version,
                     pending_reason = @PendingReason, fair_review = @fairReview, updated_at = @now
              WHERE id = @Id AND version = @loadedVersion;
              """;
        // The read is a statement of its own, so it sees the write; at the new version only if the write happened.
        CommitmentRow? row;
        try
        {
            row = await cn.QuerySingleOrDefaultAsync<CommitmentRow>(new CommandDefinition(
                write + ReadBack, args, tx, cancellationToken: ct));
        }
        catch (PostgresException e) when (e is { SqlState: PostgresErrorCodes.UniqueViolation, ConstraintName: "commitments_pkey" })
        {
            // A new promise's grain records without reading first: an id already taken is found here.
            throw new DomainException("commitment.already_recorded");
        }
        return row?.ToState() ?? throw new Errors.ConcurrencyConflictException("commitment", p.Id);
    }

    public static Task AddAmendmentAsync(NpgsqlConnection cn, NpgsqlTransaction tx, Guid commitmentId, Guid amendmentId, AmendedTerms t, string reason,
        bool widens, string? pendingReason, bool applied, Guid requestedBy, DateTimeOffset now, CancellationToken ct) =>
        cn.ExecuteAsync(new CommandDefinition("""
            INSERT INTO commitment_amendments (id, commitment_id, clause, value_cny, policy_title, policy_number, contract_ref, reason, widens, pending_reason,
                                               status, requested_by, requested_at)
            VALUES (@amendmentId, @commitmentId, @Clause, @ValueCny, @PolicyTitle, @PolicyNumber, @ContractRef, @reason, @widens, @pendingReason, @status, @requestedBy, @now)
            """, new
        {
            amendmentId, commitmentId, t.Clause, t.ValueCny, t.PolicyTitle, t.PolicyNumber, t.ContractRef, reason, widens, pendingReason,
            status = applied ? "Applied" : "Pending", requestedBy, now,
        }, tx, cancellationToken: ct));

    public static Task ReviewAmendmentAsync(NpgsqlConnection cn, NpgsqlTransaction tx, Guid amendmentId, bool approve, Guid reviewerId, string? opinion,
        DateTimeOffset now, CancellationToken ct) =>
        cn.ExecuteAsync(new CommandDefinition("""
            UPDATE commitment_amendments SET status = @status, reviewed_by = @reviewerId, reviewed_at = @now, opinion = @opinion, version = version + 1
            WHERE id = @amendmentId
            """, new { amendmentId, status = approve ? "Applied" : "Rejected", reviewerId, now, opinion }, tx, cancellationToken: ct));

    /// <summary>Who gave the fair-competition opinion, and its words (the status itself is written with the row).</summary>
    public static Task RecordFairOpinionAsync(NpgsqlConnection cn, NpgsqlTransaction tx, Guid id, Guid reviewerId, string reviewerName, string opinion,
        DateTimeOffset now, CancellationToken ct) =>
        cn.ExecuteAsync(new CommandDefinition("""
            UPDATE commitments SET fair_review_opinion = @opinion, fair_reviewer_id = @reviewerId, fair_reviewer_name = @reviewerName, fair_reviewed_at = @now
            WHERE id = @id
            """, new { id, reviewerId, reviewerName, opinion = opinion.Trim(), now }, tx, cancellationToken: ct));

    /// <summary>Warning thresholds acted on for the current due date (unique: a second activation cannot warn twice); returns those newly recorded.</summary>
    public static async Task<IReadOnlySet<int>> RecordWarningsAsync(NpgsqlConnection cn, NpgsqlTransaction tx, Guid id, DateOnly due, IReadOnlyList<int> days,
        DateTimeOffset now, CancellationToken ct) =>
        (await cn.QueryAsync<int>(new CommandDefinition("""
            INSERT INTO commitment_warnings (commitment_id, due_date, days_before, sent_at) SELECT @id, @due, d, @now FROM unnest(@days) AS d
            ON CONFLICT DO NOTHING RETURNING days_before
            """, new { id, due, days = days.ToArray(), now }, tx, cancellationToken: ct))).ToHashSet();

    /// <summary>Tells the promise's owner (its promiser unless handed over), the concierge A/B and the head of the promising unit that the promise falls due soon (one notice each).</summary>
    public static Task NotifyWarningAsync(NpgsqlConnection cn, NpgsqlTransaction tx, Guid id, PromiseParties parties, Promise p, int daysLeft, DateTimeOffset now,
        CancellationToken ct) =>
        cn.ExecuteAsync(new CommandDefinition("""
            INSERT INTO notifications (id, user_id, event_id, title, link, created_at)
            SELECT gen_random_uuid(), u, @eventId, @title, @link, @now
            FROM (SELECT owner_id AS u FROM commitments WHERE id = @id UNION SELECT a_user_id FROM concierge_assignments WHERE project_id = @projectId AND ended_at IS NULL
                  UNION SELECT b_user_id FROM concierge_assignments WHERE project_id = @projectId AND ended_at IS NULL
                  UNION SELECT head_user_id FROM units WHERE id = @unitId) people
            WHERE u IS NOT NULL
            ON CONFLICT DO NOTHING
            """, new
        {
            eventId = Guid.NewGuid(), title = Coded.Text("notification.due_soon", p.Terms.DueDate, daysLeft, Short(p.Terms.Clause)), link = $"/commitments/{id}",
            now, id, projectId = parties.ProjectId, unitId = parties.UnitId,
        }, tx, cancellationToken: ct));

    /// <summary>
    /// The promise passes to a successor 新官理旧账: its owner changes (not its version: the terms did not)
    /// and a <c>Handover.Assigned</c> entry goes on its ledger, in the grain's transaction. Moved before
    /// (a resumed handover): nothing is written again. Closed, or no longer the leaving user's: nothing moves.
    /// </summary>
    public static async Task<Domain.Handover.ItemMove> HandOverAsync(NpgsqlConnection cn, NpgsqlTransaction tx, Guid id, Handover.HandoverOrder order,
        bool open, Ledger.LedgerWriter ledger, string actor, DateTimeOffset now, CancellationToken ct)
    {
        var owner = await cn.ExecuteScalarAsync<Guid?>(new CommandDefinition("SELECT owner_id FROM commitments WHERE id = @id", new { id }, tx, cancellationToken: ct));
        if (owner == order.Successor)
            return Domain.Handover.ItemMove.Assigned;
        if (!open || owner != order.From)
            return Domain.Handover.ItemMove.Closed;
        await cn.ExecuteAsync(new CommandDefinition("UPDATE commitments SET owner_id = @to, updated_at = @now WHERE id = @id",
            new { id, to = order.Successor, now }, tx, cancellationToken: ct));
        await ledger.AppendAsync(cn, tx, id, Handover.HandoverEvents.Assigned, actor, now, order.Reason,
            new Handover.HandoverAssigned(order.HandoverId, Handover.Kinds.PromiseHandoverKind.Name, id, order.From, order.Successor), ct);
        return Domain.Handover.ItemMove.Assigned;
    }

    private static string Short(string clause) => clause.Length > 40 ? clause[..40] + "…" : clause;
}
