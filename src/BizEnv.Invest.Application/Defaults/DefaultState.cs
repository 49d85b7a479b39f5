using Dapper;
using Npgsql;

namespace BizEnv.Invest.Application.Defaults;

/// <summary>A default as its pages and API show it: the obligation and agreement it belongs to, the notice, the cure period, the remedy and the money.</summary>
public sealed record DefaultState(
    Guid Id, Guid ObligationId, Guid AgreementId, string AgreementNumber, string AgreementTitle, Guid ProjectId, string ProjectNumber, string InvestorName,
    Guid UnitId, string UnitName, string ObligationKind, string ObligationDescription, decimal? Target, string? TargetUnit, DateOnly DueDate,
    string ObligationStatus, string Status, string NoticeNumber, DateOnly NoticeDate, int CureDays, DateOnly CureUntil, DateTimeOffset DecidesAt,
    string Remedy, decimal? AmountDue, decimal AmountRecovered, DateTimeOffset OpenedAt, DateTimeOffset? RemediedAt, DateTimeOffset? ClosedAt,
    string? CloseReason, int Version)
{
    public bool IsOpen => ClosedAt is null;

    /// <summary>What is still to recover (never below zero); null while no amount is due.</summary>
    public decimal? Outstanding => AmountDue is { } due ? Math.Max(0, due - AmountRecovered) : null;

    internal const string Select = """
        SELECT d.id AS Id, d.obligation_id AS ObligationId, a.id AS AgreementId, a.number AS AgreementNumber, a.title AS AgreementTitle, p.id AS ProjectId,
               p.number AS ProjectNumber, i.name AS InvestorName, a.unit_id AS UnitId, unit_name(u.name_zh, u.name_en) AS UnitName, o.kind AS ObligationKind,
               o.description AS ObligationDescription, o.target AS Target, o.unit AS TargetUnit, o.due_date AS DueDate, o.status AS ObligationStatus,
               d.status AS Status, d.notice_number AS NoticeNumber, d.notice_date AS NoticeDate, d.cure_days AS CureDays, d.cure_until AS CureUntil,
               d.decides_at AS DecidesAt, d.remedy AS Remedy, d.amount_due AS AmountDue, d.amount_recovered AS AmountRecovered, d.opened_at AS OpenedAt,
               d.remedied_at AS RemediedAt, d.closed_at AS ClosedAt, d.close_reason AS CloseReason, d.version AS Version
        FROM obligation_defaults d JOIN obligations o ON o.id = d.obligation_id JOIN agreements a ON a.id = o.agreement_id
        JOIN projects p ON p.id = a.project_id JOIN investors i ON i.id = a.investor_id JOIN units u ON u.id = a.unit_id
        """;

    /// <summary>The default as stored (in the caller's transaction, if any); not there: not found.</summary>
    public static async Task<DefaultState> ReadAsync(NpgsqlConnection cn, NpgsqlTransaction? tx, Guid id, CancellationToken ct) =>
        await cn.QuerySingleOrDefaultAsync<DefaultState>(new CommandDefinition(Select + " WHERE d.id = @id", new { id }, tx, cancellationToken: ct))
        ?? throw new Errors.NotFoundException("default", id);
}

/// <summary>One step of a default as its page lists it.</summary>
public sealed record DefaultStepRow(string Step, DateTimeOffset At, string Actor, decimal? Amount, string? Note);

/// <summary>One amount recovered, with its evidence.</summary>
public sealed record DefaultRecoveryRow(Guid Id, decimal Amount, DateOnly ReceivedOn, string Evidence, string EnteredBy, DateTimeOffset EnteredAt);
