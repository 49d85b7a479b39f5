using System.Globalization;
using BizEnv.Invest.Application.Commitments.Ledger;
using BizEnv.Invest.Application.Localization;
using BizEnv.Invest.Domain.Defaults;
using Dapper;
using Npgsql;

namespace BizEnv.Invest.Application.Defaults.Grain;

/// <summary>
/// The default grain's rows: the obligation's facts it reads, the default read into the aggregate and written back,
/// its steps (a row for the page and a ledger entry "Default.&lt;step&gt;" under the default's id) and recoveries.
/// Called by the default's grain only (their one writer); the obligation's rows are only read here.
/// </summary>
public static class DefaultBook
{
    /// <summary>The obligation as the default needs it; the agreed start is the agreement's start-of-construction date (or the obligation's own due date).</summary>
    public sealed record ObligationFacts(
        Guid Id, string Status, int CureDays, string Remedy, decimal? RemedyAmount, DateOnly DueDate, DateOnly AgreedStart, string Kind, string Description,
        decimal? Target, string? Unit, string AgreementNumber, string AgreementTitle, DateOnly SignedOn, string InvestorName, string UnitName)
    {
        public bool Satisfied => Status is "Met" or "Cured";

        public DefaultTerms Terms => new(CureDays, Enum.Parse<DefaultRemedy>(Remedy), AgreedStart);
    }

    private sealed record DefaultRow(Guid Id, Guid ObligationId, string Status, string Remedy, DateOnly NoticeDate, DateOnly CureUntil, DateTimeOffset DecidesAt,
        decimal? AmountDue, decimal AmountRecovered, int Version);

    public static Task<ObligationFacts?> ObligationAsync(NpgsqlConnection cn, NpgsqlTransaction? tx, Guid obligationId, CancellationToken ct) =>
        cn.QuerySingleOrDefaultAsync<ObligationFacts?>(new CommandDefinition("""
            SELECT o.id AS Id, o.status AS Status, o.cure_days AS CureDays, o.remedy AS Remedy, o.remedy_amount AS RemedyAmount, o.due_date AS DueDate,
                   COALESCE((SELECT min(s.due_date) FROM obligations s WHERE s.agreement_id = o.agreement_id AND s.kind = 'StartOfConstruction'), o.due_date) AS AgreedStart,
                   o.kind AS Kind, o.description AS Description, o.target AS Target, o.unit AS Unit, a.number AS AgreementNumber, a.title AS AgreementTitle,
                   a.signed_on AS SignedOn, i.name AS InvestorName, u.name_zh AS UnitName
            FROM obligations o JOIN agreements a ON a.id = o.agreement_id JOIN investors i ON i.id = a.investor_id JOIN units u ON u.id = a.unit_id
            WHERE o.id = @obligationId
            """, new { obligationId }, tx, cancellationToken: ct));

    /// <summary>The obligation's default as stored, locked for the caller's transaction when there is one; none yet: null.</summary>
    public static async Task<ObligationDefault?> FindAsync(NpgsqlConnection cn, NpgsqlTransaction? tx, Guid obligationId, CancellationToken ct)
    {
        var row = await cn.QuerySingleOrDefaultAsync<DefaultRow>(new CommandDefinition($"""
            SELECT id AS Id, obligation_id AS ObligationId, status AS Status, remedy AS Remedy, notice_date AS NoticeDate, cure_until AS CureUntil,
                   decides_at AS DecidesAt, amount_due AS AmountDue, amount_recovered AS AmountRecovered, version AS Version
            FROM obligation_defaults WHERE obligation_id = @obligationId {(tx is null ? "" : "FOR UPDATE")}
            """, new { obligationId }, tx, cancellationToken: ct));
        return row is null ? null : ObligationDefault.Restore(row.Id, row.ObligationId, Enum.Parse<DefaultStatus>(row.Status), Enum.Parse<DefaultRemedy>(row.Remedy),
            row.NoticeDate, row.CureUntil, row.DecidesAt, row.AmountDue, row.AmountRecovered, row.Version);
    }

    /// <summary>
    /// Writes a new default with its notice and the Noticed step. False when the obligation has one already
    /// (another writer was first: nothing written).
    /// </summary>
    public static async Task<bool> InsertAsync(NpgsqlConnection cn, NpgsqlTransaction tx, LedgerWriter ledger, ObligationDefault d, ObligationFacts facts,
        DateTimeOffset now, CancellationToken ct)
    {
        var seq = await cn.ExecuteScalarAsync<long>(new CommandDefinition("SELECT nextval('default_notice_seq')", transaction: tx, cancellationToken: ct));
        var number = string.Create(CultureInfo.InvariantCulture, $"CG{d.NoticeDate.Year}-{seq:D5}");
        var inserted = await cn.ExecuteAsync(new CommandDefinition("""
            INSERT INTO obligation_defaults (id, obligation_id, status, notice_number, notice_date, notice_text, cure_days, cure_until, decides_at, remedy,
                                             amount_recovered, opened_at, version)
            VALUES (@Id, @ObligationId, @Status, @number, @NoticeDate, @text, @CureDays, @CureUntil, @DecidesAt, @Remedy, 0, @now, @Version)
            ON CONFLICT (obligation_id) DO NOTHING
            """, new { d.Id, d.ObligationId, Status = d.Status.ToString(), number, d.NoticeDate, text = NoticeText(facts, d, number), facts.CureDays, d.CureUntil,
            d.DecidesAt, Remedy = d.Remedy.ToString(), now, d.Version }, tx, cancellationToken: ct));
        if (inserted == 0)
            return false;
        await StepAsync(cn, tx, ledger, d, DefaultStep.Noticed, "system", null, null, number, now, ct);
        return true;
    }

    /// <summary>Writes the aggregate's new state over the version it was loaded at (a stale writer changes nothing and is told so).</summary>
    public static async Task SaveAsync(NpgsqlConnection cn, NpgsqlTransaction tx, ObligationDefault d, int loadedVersion, DateTimeOffset now, string? closeReason,
        Guid? closedBy, CancellationToken ct)
    {
        var closed = !d.IsOpen;
        var updated = await cn.ExecuteAsync(new CommandDefinition("""
            UPDATE obligation_defaults
            SET status = @Status, amount_due = @AmountDue, amount_recovered = @AmountRecovered, version = @Version,
                remedied_at = CASE WHEN @Status = 'Remedying' AND remedied_at IS NULL THEN @now ELSE remedied_at END,
                closed_at = CASE WHEN @closed THEN @now END, close_reason = @closeReason, closed_by = @closedBy
            WHERE id = @Id AND version = @loadedVersion
            """, new { d.Id, Status = d.Status.ToString(), d.AmountDue, d.AmountRecovered, d.Version, now, closed, closeReason, closedBy, loadedVersion },
            tx, cancellationToken: ct));
        if (updated == 0)
            throw new Domain.Common.VersionConflictException("default", d.Id);
    }

    /// <summary>One step: its row for the page and its ledger entry, with the default's state after it.</summary>
    public static async Task StepAsync(NpgsqlConnection cn, NpgsqlTransaction tx, LedgerWriter ledger, ObligationDefault d, DefaultStep step, string actor,
        Guid? userId, decimal? amount, string? note, DateTimeOffset now, CancellationToken ct)
    {
        await cn.ExecuteAsync(new CommandDefinition("""
            INSERT INTO default_steps (id, default_id, step, at, actor, user_id, amount, note) VALUES (@stepId, @defaultId, @step, @now, @actor, @userId, @amount, @note)
            """, new { stepId = Guid.NewGuid(), defaultId = d.Id, step = step.ToString(), now, actor, userId, amount, note }, tx, cancellationToken: ct));
        var state = new
        {
            Default = new
            {
                d.Id, d.ObligationId, Status = d.Status.ToString(), Remedy = d.Remedy.ToString(), d.NoticeDate, d.CureUntil, d.DecidesAt, d.AmountDue,
                d.AmountRecovered, d.Version,
            },
            Amount = amount,
        };
        await ledger.AppendAsync(cn, tx, d.Id, "Default." + step, actor, now, note, state, ct);
    }

    public static Task RecoveryAsync(NpgsqlConnection cn, NpgsqlTransaction tx, Guid defaultId, DefaultRecovery r, DateTimeOffset now, CancellationToken ct) =>
        cn.ExecuteAsync(new CommandDefinition("""
            INSERT INTO default_recoveries (id, default_id, amount, received_on, evidence, entered_by, entered_at)
            VALUES (@id, @defaultId, @Amount, @ReceivedOn, @evidence, @UserId, @now)
            """, new { id = Guid.NewGuid(), defaultId, r.Amount, r.ReceivedOn, evidence = r.Evidence.Trim(), r.UserId, now }, tx, cancellationToken: ct));

    /// <summary>
    /// The notice 履约催告 as recorded and printed: always Chinese (it goes to the investor), naming the agreement,
    /// the obligation, its due date, the cure deadline and the remedy that follows.
    /// </summary>
    public static string NoticeText(ObligationFacts f, ObligationDefault d, string number)
    {
        static string Day(DateOnly date) => date.ToString("yyyy年M月d日", CultureInfo.InvariantCulture);
        var target = f.Target is { } t ? string.Create(CultureInfo.InvariantCulture, $"{t:#,0.##}{f.Unit}") : Text.In(Text.Chinese, "defaults.notice_no_target")!;
        return string.Format(CultureInfo.InvariantCulture, Text.In(Text.Chinese, "defaults.notice_body")!, f.InvestorName, f.UnitName, Day(f.SignedOn),
            f.AgreementTitle, f.AgreementNumber, Text.In(Text.Chinese, "obligationkind." + f.Kind) ?? f.Kind, f.Description, target, Day(f.DueDate),
            Day(d.CureUntil), Text.In(Text.Chinese, "defaultremedy." + d.Remedy), number, Day(d.NoticeDate));
    }
}
