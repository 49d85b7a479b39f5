using BizEnv.Invest.Application.Errors;
using BizEnv.Invest.Domain.Agreements;
using BizEnv.Invest.Domain.Common;
using BizEnv.Invest.Domain.Crm;
using Dapper;
using Npgsql;

namespace BizEnv.Invest.Application.Agreements.Grain;

/// <summary>An agreement as its grain loads it: the aggregate, its obligations, and whose it is.</summary>
public sealed record AgreementRecord(Agreement Agreement, Guid UnitId, Guid ProjectUnitId, IReadOnlyList<Obligation> Obligations);

/// <summary>
/// The agreement grain's SQL: load, insert and guarded updates (a row is written only from the version its
/// grain loaded — a stale activation's write is refused and its transaction rolled back, so nothing is
/// written twice), progress history, and what the project's records say. The import writes through here too.
/// </summary>
public static class AgreementBook
{
    private sealed record AgreementRow(Guid Id, Guid ProjectId, Guid UnitId, Guid ProjectUnitId, string Number, string Title, string GovernmentSignatory,
        string InvestorSignatory, DateOnly SignedOn, int ConditionPaymentDays, int Version);

    private sealed record ObligationRow(Guid Id, Guid AgreementId, string Kind, string Description, decimal? Target, string? Unit, DateOnly DueDate,
        decimal? Progress, DateOnly? ReachedOn, string Status, DateOnly? MetOn, int CureDays, string Remedy, decimal? RemedyAmount, int Version)
    {
        public Obligation ToDomain() => new(Id, AgreementId,
            new ObligationTerms(Enum.Parse<ObligationKind>(Kind), Description, Target, Unit, DueDate, CureDays, Enum.Parse<Remedy>(Remedy), RemedyAmount),
            Progress, ReachedOn, Enum.Parse<ObligationStatus>(Status), MetOn, Version);
    }

    public static async Task<AgreementRecord?> LoadAsync(NpgsqlConnection cn, NpgsqlTransaction? tx, Guid id, CancellationToken ct)
    {
        var a = await cn.QuerySingleOrDefaultAsync<AgreementRow>(new CommandDefinition("""
            SELECT a.id AS Id, a.project_id AS ProjectId, a.unit_id AS UnitId, p.unit_id AS ProjectUnitId, a.number AS Number, a.title AS Title,
                   a.government_signatory AS GovernmentSignatory, a.investor_signatory AS InvestorSignatory, a.signed_on AS SignedOn,
                   a.condition_payment_days AS ConditionPaymentDays, a.version AS Version
            FROM agreements a JOIN projects p ON p.id = a.project_id WHERE a.id = @id
            """, new { id }, tx, cancellationToken: ct));
        if (a is null)
            return null;
        var obligations = await cn.QueryAsync<ObligationRow>(new CommandDefinition("""
            SELECT id AS Id, agreement_id AS AgreementId, kind AS Kind, description AS Description, target AS Target, unit AS Unit, due_date AS DueDate,
                   progress AS Progress, reached_on AS ReachedOn, status AS Status, met_on AS MetOn, cure_days AS CureDays, remedy AS Remedy,
                   remedy_amount AS RemedyAmount, version AS Version
            FROM obligations WHERE agreement_id = @id ORDER BY due_date, created_at, id
            """, new { id }, tx, cancellationToken: ct));
        return new AgreementRecord(
            new Agreement(a.Id, a.ProjectId, new AgreementHeader(a.Number, a.Title, a.GovernmentSignatory, a.InvestorSignatory, a.SignedOn, a.ConditionPaymentDays), a.Version),
            a.UnitId, a.ProjectUnitId, obligations.Select(o => o.ToDomain()).ToList());
    }

    /// <summary>The project an agreement is for, as the recording needs it (404 when there is none).</summary>
    public static async Task<(Guid InvestorId, Guid UnitId, string Stage)> ProjectAsync(NpgsqlConnection cn, NpgsqlTransaction? tx, Guid projectId, CancellationToken ct) =>
        await cn.QuerySingleOrDefaultAsync<(Guid, Guid, string)?>(new CommandDefinition(
            "SELECT investor_id, unit_id, stage FROM projects WHERE id = @projectId", new { projectId }, tx, cancellationToken: ct))
        ?? throw new NotFoundException("project", projectId);

    public static async Task EnsureUnitAsync(NpgsqlConnection cn, NpgsqlTransaction tx, Guid unitId, CancellationToken ct)
    {
        if (!await cn.ExecuteScalarAsync<bool>(new CommandDefinition("SELECT EXISTS (SELECT 1 FROM units WHERE id = @unitId)", new { unitId }, tx, cancellationToken: ct)))
            throw new FieldRuleException("UnitId", "agreement.unit_unknown");
    }

    /// <summary>Another agreement already has this number: a field error (the unique index would say so less kindly).</summary>
    public static async Task EnsureNumberFreeAsync(NpgsqlConnection cn, NpgsqlTransaction tx, string number, Guid self, CancellationToken ct)
    {
        if (await cn.ExecuteScalarAsync<bool>(new CommandDefinition("SELECT EXISTS (SELECT 1 FROM agreements WHERE number = @number AND id <> @self)",
                new { number, self }, tx, cancellationToken: ct)))
            throw new FieldRuleException("Number", "agreement.number_taken", number);
    }

    public static Task InsertAgreementAsync(NpgsqlConnection cn, NpgsqlTransaction tx, Agreement a, Guid investorId, Guid unitId, SignedFile? file, Guid userId,
        DateTimeOffset now, CancellationToken ct) =>
        cn.ExecuteAsync(new CommandDefinition("""
            INSERT INTO agreements (id, project_id, investor_id, unit_id, number, title, government_signatory, investor_signatory, signed_on,
                                    condition_payment_days, file_name, file_type, file_content, owner_id, created_by, created_at, updated_at, version)
            VALUES (@Id, @ProjectId, @investorId, @unitId, @Number, @Title, @GovernmentSignatory, @InvestorSignatory, @SignedOn,
                    @ConditionPaymentDays, @fileName, @fileType, @fileContent, @userId, @userId, @now, @now, @Version)
            """, new
        {
            a.Id, a.ProjectId, investorId, unitId, a.Header.Number, a.Header.Title, a.Header.GovernmentSignatory, a.Header.InvestorSignatory, a.Header.SignedOn,
            a.Header.ConditionPaymentDays, fileName = file?.FileName, fileType = file?.ContentType, fileContent = file?.Content, userId, now, a.Version,
        }, tx, cancellationToken: ct));

    public static async Task UpdateHeaderAsync(NpgsqlConnection cn, NpgsqlTransaction tx, Agreement a, Guid unitId, int loadedVersion, DateTimeOffset now, CancellationToken ct)
    {
        var n = await cn.ExecuteAsync(new CommandDefinition("""
            UPDATE agreements SET unit_id = @unitId, number = @Number, title = @Title, government_signatory = @GovernmentSignatory,
                   investor_signatory = @InvestorSignatory, signed_on = @SignedOn, condition_payment_days = @ConditionPaymentDays, updated_at = @now, version = @Version
            WHERE id = @Id AND version = @loadedVersion
            """, new
        {
            a.Id, unitId, a.Header.Number, a.Header.Title, a.Header.GovernmentSignatory, a.Header.InvestorSignatory, a.Header.SignedOn,
            a.Header.ConditionPaymentDays, now, a.Version, loadedVersion,
        }, tx, cancellationToken: ct));
        if (n != 1)
            throw new ConcurrencyConflictException("agreement", a.Id);
    }

    public static async Task SetFileAsync(NpgsqlConnection cn, NpgsqlTransaction tx, Guid id, SignedFile file, int loadedVersion, DateTimeOffset now, CancellationToken ct)
    {
        var n = await cn.ExecuteAsync(new CommandDefinition("""
            UPDATE agreements SET file_name = @FileName, file_type = @ContentType, file_content = @Content, updated_at = @now, version = version + 1
            WHERE id = @id AND version = @loadedVersion
            """, new { id, file.FileName, file.ContentType, file.Content, now, loadedVersion }, tx, cancellationToken: ct));
        if (n != 1)
            throw new ConcurrencyConflictException("agreement", id);
    }

    public static Task InsertObligationAsync(NpgsqlConnection cn, NpgsqlTransaction tx, Obligation o, Guid ownerId, DateTimeOffset now, CancellationToken ct) =>
        cn.ExecuteAsync(new CommandDefinition("""
            INSERT INTO obligations (id, agreement_id, kind, description, target, unit, due_date, status, cure_days, remedy, remedy_amount, owner_id,
                                     created_at, updated_at, version)
            VALUES (@Id, @AgreementId, @kind, @Description, @Target, @Unit, @DueDate, 'Open', @CureDays, @remedy, @RemedyAmount, @ownerId, @now, @now, @Version)
            """, new
        {
            o.Id, o.AgreementId, kind = o.Terms.Kind.ToString(), o.Terms.Description, o.Terms.Target, o.Terms.Unit, o.Terms.DueDate, o.Terms.CureDays,
            remedy = o.Terms.Remedy.ToString(), o.Terms.RemedyAmount, ownerId, now, o.Version,
        }, tx, cancellationToken: ct));

    /// <summary>Progress, status and met date from the version loaded; anything else is a stale writer: refused, rolled back.</summary>
    public static async Task SaveObligationAsync(NpgsqlConnection cn, NpgsqlTransaction tx, Obligation o, int loadedVersion, DateTimeOffset now, CancellationToken ct)
    {
        var n = await cn.ExecuteAsync(new CommandDefinition("""
            UPDATE obligations SET progress = @Progress, reached_on = @ReachedOn, status = @status, met_on = @MetOn, updated_at = @now, version = @Version
            WHERE id = @Id AND version = @loadedVersion
            """, new { o.Id, o.Progress, o.ReachedOn, status = o.Status.ToString(), o.MetOn, now, o.Version, loadedVersion }, tx, cancellationToken: ct));
        if (n != 1)
            throw new ConcurrencyConflictException("obligation", o.Id);
    }

    public static Task InsertProgressAsync(NpgsqlConnection cn, NpgsqlTransaction tx, Guid obligationId, ProgressReading r, Guid? userId, DateTimeOffset now,
        CancellationToken ct) =>
        cn.ExecuteAsync(new CommandDefinition("""
            INSERT INTO obligation_progress (id, obligation_id, value, reached_on, as_of, evidence, source, entered_by, entered_at)
            VALUES (@id, @obligationId, @Value, @ReachedOn, @AsOf, @evidence, @source, @userId, @now)
            """, new { id = Guid.NewGuid(), obligationId, r.Value, r.ReachedOn, r.AsOf, evidence = r.Evidence.Trim(), source = r.Source.ToString(), userId, now },
            tx, cancellationToken: ct));

    /// <summary>What the project's records say: the stage changes that stand (not pending, not rejected), and every 到资.</summary>
    public static async Task<(IReadOnlyList<StageReached> Stages, IReadOnlyList<InvestmentInPlace> Investments)> ProjectRecordsAsync(
        NpgsqlConnection cn, NpgsqlTransaction? tx, Guid projectId, CancellationToken ct)
    {
        var stages = await cn.QueryAsync<(string Stage, DateOnly On)>(new CommandDefinition("""
            SELECT to_stage, stage_date FROM project_stage_changes
            WHERE project_id = @projectId AND review_status IN ('NotRequired', 'Approved') AND to_stage IN ('Started', 'InProduction')
            """, new { projectId }, tx, cancellationToken: ct));
        var money = await cn.QueryAsync<(DateOnly On, decimal Amount)>(new CommandDefinition(
            "SELECT on_date, amount FROM project_investments WHERE project_id = @projectId ORDER BY on_date", new { projectId }, tx, cancellationToken: ct));
        return (stages.Select(s => new StageReached(Enum.Parse<ProjectStage>(s.Stage), s.On)).ToList(), money.Select(m => new InvestmentInPlace(m.On, m.Amount)).ToList());
    }

    public static async Task<IReadOnlyList<Guid>> OfProjectAsync(NpgsqlConnection cn, Guid projectId, CancellationToken ct) =>
        (await cn.QueryAsync<Guid>(new CommandDefinition("SELECT id FROM agreements WHERE project_id = @projectId", new { projectId }, cancellationToken: ct))).ToList();

    /// <summary>The ledger's picture of an obligation (the state its entries hash).</summary>
    public static object LedgerState(Obligation o, ProgressReading? reading = null) => new
    {
        Obligation = o.Id, Agreement = o.AgreementId, Kind = o.Terms.Kind.ToString(), o.Terms.Description, o.Terms.Target, o.Terms.Unit, o.Terms.DueDate,
        o.Terms.CureDays, Remedy = o.Terms.Remedy.ToString(), o.Terms.RemedyAmount, o.Progress, o.ReachedOn, Status = o.Status.ToString(), o.MetOn, o.Version,
        Reading = reading is null ? null : new { reading.Value, reading.ReachedOn, reading.AsOf, reading.Evidence, Source = reading.Source.ToString() },
    };

    public static object LedgerState(Agreement a, Guid unitId, IReadOnlyList<Obligation> obligations, string? fileName) => new
    {
        Agreement = a.Id, Project = a.ProjectId, Unit = unitId, a.Header.Number, a.Header.Title, a.Header.GovernmentSignatory, a.Header.InvestorSignatory,
        a.Header.SignedOn, a.Header.ConditionPaymentDays, File = fileName, a.Version, Obligations = obligations.Select(o => o.Id).ToArray(),
    };
}
