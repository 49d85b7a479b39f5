using BizEnv.Invest.Application.Commitments.Ledger;
using BizEnv.Invest.Domain.Commitments;
using Dapper;
using Npgsql;

namespace BizEnv.Invest.Application.Commitments.Cases;

public sealed record ResponsiblePersonDto(Guid Id, string Name, string Position, string UnitName, Responsibility Responsibility, DateTimeOffset AddedAt);

public sealed record RectificationDto(Guid Id, string Action, DateOnly DueDate, DateTimeOffset AddedAt, DateTimeOffset? DoneAt, string? DoneNote, int Version);

/// <summary>The full state of an integrity case: what each of its ledger entries records.</summary>
public sealed record CaseState(
    Guid Id, string Number, Guid AlertId, string AlertKind, Guid CommitmentId, Guid UnitId, DateTimeOffset OpenedAt, Guid? InvestigatorId,
    string? InvestigatorName, DateOnly ResultDue, AccountabilityOutcome? Outcome, string? OutcomeNote, DateTimeOffset? OutcomeAt, CaseStatus Status,
    DateTimeOffset? ClosedAt, string? ClosingNote, int Version, IReadOnlyList<ResponsiblePersonDto> Persons, IReadOnlyList<RectificationDto> Rectifications);

internal sealed record CaseRow(
    Guid Id, string Number, Guid AlertId, string AlertKind, Guid CommitmentId, Guid UnitId, DateTimeOffset OpenedAt, Guid? InvestigatorId,
    string? InvestigatorName, DateOnly ResultDue, string? Outcome, string? OutcomeNote, DateTimeOffset? OutcomeAt, string Status,
    DateTimeOffset? ClosedAt, string? ClosingNote, int Version);

/// <summary>Reads a case whole (row, persons, rectifications), optionally locking it for a change.</summary>
public static class CaseLoad
{
    private const string Select = """
        SELECT k.id AS Id, k.number AS Number, k.alert_id AS AlertId, a.kind AS AlertKind, k.commitment_id AS CommitmentId, k.unit_id AS UnitId,
               k.opened_at AS OpenedAt, k.investigator_id AS InvestigatorId, u.display_name AS InvestigatorName, k.result_due AS ResultDue,
               k.outcome AS Outcome, k.outcome_note AS OutcomeNote, k.outcome_at AS OutcomeAt, k.status AS Status, k.closed_at AS ClosedAt,
               k.closing_note AS ClosingNote, k.version AS Version
        FROM integrity_cases k JOIN breach_alerts a ON a.id = k.alert_id LEFT JOIN users u ON u.id = k.investigator_id
        """;

    public static Task<CaseState> Lock(NpgsqlConnection cn, NpgsqlTransaction tx, Guid id, CancellationToken ct) => Load(cn, tx, id, true, ct);

    public static Task<CaseState> Read(NpgsqlConnection cn, NpgsqlTransaction? tx, Guid id, CancellationToken ct) => Load(cn, tx, id, false, ct);

    /// <summary>Locks the case and checks it is still the version the caller saw and not closed.</summary>
    public static async Task<CaseState> LockForChange(NpgsqlConnection cn, NpgsqlTransaction tx, Guid id, int version, CancellationToken ct)
    {
        var current = await Lock(cn, tx, id, ct);
        if (current.Version != version)
            throw new Errors.ConcurrencyConflictException("case", id);
        IntegrityCaseRules.EnsureOpen(current.Status);
        return current;
    }

    private static async Task<CaseState> Load(NpgsqlConnection cn, NpgsqlTransaction? tx, Guid id, bool forUpdate, CancellationToken ct)
    {
        var row = await cn.QuerySingleOrDefaultAsync<CaseRow>(new CommandDefinition(
            Select + " WHERE k.id = @id" + (forUpdate ? " FOR UPDATE OF k" : ""), new { id }, tx, cancellationToken: ct))
            ?? throw new Errors.NotFoundException("case", id);
        var persons = (await cn.QueryAsync<(Guid Id, string Name, string Position, string UnitName, string Responsibility, DateTimeOffset AddedAt)>(new CommandDefinition(
            "SELECT id, name, position, unit_name, responsibility, added_at FROM case_responsible_persons WHERE case_id = @id ORDER BY added_at, id",
            new { id }, tx, cancellationToken: ct)))
            .Select(p => new ResponsiblePersonDto(p.Id, p.Name, p.Position, p.UnitName, Enum.Parse<Responsibility>(p.Responsibility), p.AddedAt)).ToList();
        var actions = (await cn.QueryAsync<RectificationDto>(new CommandDefinition("""
            SELECT id AS Id, action AS Action, due_date AS DueDate, added_at AS AddedAt, done_at AS DoneAt, done_note AS DoneNote, version AS Version
            FROM case_rectifications WHERE case_id = @id ORDER BY due_date, added_at
            """, new { id }, tx, cancellationToken: ct))).ToList();
        return new CaseState(row.Id, row.Number, row.AlertId, row.AlertKind, row.CommitmentId, row.UnitId, row.OpenedAt, row.InvestigatorId, row.InvestigatorName,
            row.ResultDue, row.Outcome is null ? null : Enum.Parse<AccountabilityOutcome>(row.Outcome), row.OutcomeNote, row.OutcomeAt,
            Enum.Parse<CaseStatus>(row.Status), row.ClosedAt, row.ClosingNote, row.Version, persons, actions);
    }
}

/// <summary>Every step of a case is an entry on its promise's ledger, carrying the case's full new state.</summary>
public static class CaseLedger
{
    public static async Task<CaseState> AppendAsync(NpgsqlConnection cn, NpgsqlTransaction tx, LedgerWriter ledger, Guid caseId, string @event,
        string actor, DateTimeOffset at, string? reason, CancellationToken ct)
    {
        var state = await CaseLoad.Read(cn, tx, caseId, ct);
        await ledger.AppendAsync(cn, tx, state.CommitmentId, @event, actor, at, reason, new { Case = state }, ct);
        return state;
    }

    /// <summary>Bumps the case's version after a change to it or to its persons/rectifications.</summary>
    public static Task Touch(NpgsqlConnection cn, NpgsqlTransaction tx, Guid caseId, CancellationToken ct) =>
        cn.ExecuteAsync(new CommandDefinition("UPDATE integrity_cases SET version = version + 1 WHERE id = @caseId", new { caseId }, tx, cancellationToken: ct));
}
