using System.Collections.Immutable;
using BizEnv.Invest.Application.Errors;
using BizEnv.Invest.Domain.Crm;
using Dapper;
using Npgsql;

namespace BizEnv.Invest.Application.Crm.Projects.Grain;

/// <summary>
/// The project grain's reads and writes of its rows. Every write of a change is guarded by the
/// version the change was decided on: the grain is the only writer of what its rules read, but a few
/// other writers still touch the project row (a zone reservation stamps the target zone, a chain
/// target links the project), and one of those in between is a conflict, never a lost update.
/// </summary>
public static class ProjectBook
{
    private sealed record Head(string Number, Guid UnitId, string KeyLevel, string Stage, DateOnly StageDate, int Version, bool RequiresReview);

    /// <summary>The project as its rules see it, or null when there is no such project.</summary>
    public static async Task<Project?> LoadAsync(NpgsqlConnection cn, NpgsqlTransaction? tx, Guid id, CancellationToken ct)
    {
        using var grid = await cn.QueryMultipleAsync(new CommandDefinition("""
            SELECT p.number AS Number, p.unit_id AS UnitId, p.key_level AS KeyLevel, p.stage AS Stage, p.stage_date AS StageDate, p.version AS Version,
                   u.requires_stage_review AS RequiresReview
              FROM projects p JOIN units u ON u.id = p.unit_id WHERE p.id = @id;
            SELECT id, from_stage, to_stage, review_status, previous_stage_date FROM project_stage_changes WHERE project_id = @id ORDER BY created_at;
            SELECT id, status = 'Resolved' FROM project_issues WHERE project_id = @id;
            SELECT a_user_id, b_user_id FROM concierge_assignments WHERE project_id = @id AND ended_at IS NULL;
            """, new { id }, tx, cancellationToken: ct));
        var head = await grid.ReadSingleOrDefaultAsync<Head>();
        if (head is null)
            return null;
        var changes = (await grid.ReadAsync<(Guid Id, string From, string To, string Review, DateOnly? PreviousDate)>()).ToList();
        var issues = (await grid.ReadAsync<(Guid Id, bool Resolved)>()).ToImmutableDictionary(i => i.Id, i => i.Resolved);
        var pair = await grid.ReadSingleOrDefaultAsync<(Guid? A, Guid? B)?>();

        // A rejection restores the date the project left (older rows without it: the latest earlier move into that stage, else the date stays).
        PendingStageReview? pending = null;
        if (changes.LastOrDefault(c => c.Review == nameof(StageReviewStatus.Pending)) is { Id: var changeId } p && changeId != Guid.Empty)
        {
            var previous = p.PreviousDate ?? await cn.ExecuteScalarAsync<DateOnly?>(new CommandDefinition("""
                SELECT stage_date FROM project_stage_changes WHERE project_id = @id AND to_stage = @from AND id <> @changeId
                ORDER BY created_at DESC LIMIT 1
                """, new { id, from = p.From, changeId }, tx, cancellationToken: ct));
            pending = new PendingStageReview(changeId, Enum.Parse<ProjectStage>(p.From), Enum.Parse<ProjectStage>(p.To), previous ?? head.StageDate);
        }
        return new Project(id, head.Number, head.UnitId, Enum.Parse<KeyProjectLevel>(head.KeyLevel), Enum.Parse<ProjectStage>(head.Stage), head.StageDate, head.Version,
            head.RequiresReview, pending, pair is { } c ? new ConciergePair(c.A, c.B) : null, issues, [.. changes.Select(c => c.Id)]);
    }

    /// <summary>
    /// The next unified number of the unit code this year. The counter row stays locked until this
    /// transaction ends: concurrent creations queue for it, so numbers are unique, and a rolled-back
    /// creation never used its number.
    /// </summary>
    public static async Task<string> NextNumberAsync(NpgsqlConnection cn, NpgsqlTransaction tx, string unitCode, DateTimeOffset now, CancellationToken ct)
    {
        var year = Domain.Common.BeijingTime.ToBeijing(now).Year;
        var sequence = await cn.ExecuteScalarAsync<int>(new CommandDefinition("""
            INSERT INTO project_number_sequences (unit_code, year, last) VALUES (@unitCode, @year, 1)
            ON CONFLICT (unit_code, year) DO UPDATE SET last = project_number_sequences.last + 1
            RETURNING last
            """, new { unitCode, year }, tx, cancellationToken: ct));
        return UnifiedNumber.Format(unitCode, year, sequence);
    }

    public static Task InsertAsync(NpgsqlConnection cn, NpgsqlTransaction tx, Project project, NewProject p, DateTimeOffset now, CancellationToken ct) =>
        cn.ExecuteAsync(new CommandDefinition("""
            INSERT INTO projects (id, number, unit_id, investor_id, name, planned_investment, registered_capital, jobs, key_level, stage, stage_date,
                                  created_by, created_at, updated_at)
            VALUES (@Id, @Number, @UnitId, @InvestorId, @name, @PlannedInvestment, @RegisteredCapital, @Jobs, @level, @stage, @StageDate, @UserId, @now, @now)
            """, new { project.Id, project.Number, project.UnitId, p.InvestorId, name = p.Name.Trim(), p.PlannedInvestment, p.RegisteredCapital, p.Jobs,
            level = project.KeyLevel.ToString(), stage = project.Stage.ToString(), project.StageDate, p.UserId, now }, tx, cancellationToken: ct));

    /// <summary>Raises the project's version over the one the change was decided on, with any further column changes.</summary>
    private static async Task BumpAsync(NpgsqlConnection cn, NpgsqlTransaction tx, Guid id, int version, DateTimeOffset now, CancellationToken ct,
        string set = "", object? args = null)
    {
        var parameters = new DynamicParameters(args);
        parameters.AddDynamicParams(new { id, version, now });
        var changed = await cn.ExecuteAsync(new CommandDefinition(
            $"UPDATE projects SET {set} updated_at = @now, version = version + 1 WHERE id = @id AND version = @version", parameters, tx, cancellationToken: ct));
        if (changed == 0)
            throw new ConcurrencyConflictException("project", id);
    }

    public static Task EditAsync(NpgsqlConnection cn, NpgsqlTransaction tx, Guid id, ProjectEdited change, ProjectEdit e, DateTimeOffset now, CancellationToken ct) =>
        BumpAsync(cn, tx, id, change.Version, now, ct, """
            name = @name, planned_investment = @PlannedInvestment, registered_capital = @RegisteredCapital, jobs = @Jobs, key_level = @level,
            responsible_leader = @ResponsibleLeaderId, working_team = @WorkingTeam, construction_plan = @ConstructionPlan,
            """, new { name = e.Name.Trim(), e.PlannedInvestment, e.RegisteredCapital, e.Jobs, level = e.KeyLevel.ToString(), e.ResponsibleLeaderId,
            e.WorkingTeam, e.ConstructionPlan });

    public static async Task ChangeStageAsync(NpgsqlConnection cn, NpgsqlTransaction tx, Guid id, StageChanged c, string? note, Guid by, DateTimeOffset now,
        CancellationToken ct)
    {
        await BumpAsync(cn, tx, id, c.Version, now, ct, "stage = @to, stage_date = @StageDate, terminated_reason = @TerminatedReason,",
            new { to = c.To.ToString(), c.StageDate, c.TerminatedReason });
        await cn.ExecuteAsync(new CommandDefinition("""
            INSERT INTO project_stage_changes (id, project_id, from_stage, to_stage, stage_date, previous_stage_date, note, review_status, created_by, created_at)
            VALUES (@ChangeId, @id, @from, @to, @StageDate, @PreviousStageDate, @note, @review, @by, @now)
            """, new { c.ChangeId, id, from = c.From.ToString(), to = c.To.ToString(), c.StageDate, c.PreviousStageDate, note, review = c.Review.ToString(), by, now },
            tx, cancellationToken: ct));
        if (c.To == ProjectStage.Terminated)
        {
            // A terminated project gives back every capacity it held in the zones (giving back can never oversell a zone).
            await cn.ExecuteAsync(new CommandDefinition("""
                UPDATE reservations SET status = 'Released', released_at = @now, released_reason = @reason
                WHERE project_id = @id AND status <> 'Released'
                """, new { id, now, reason = Localization.Text.Get("reservation.released_on_termination") }, tx, cancellationToken: ct));
        }
    }

    public static async Task ReviewAsync(NpgsqlConnection cn, NpgsqlTransaction tx, Guid id, StageReviewed r, string? opinion, Guid by, DateTimeOffset now,
        CancellationToken ct)
    {
        await cn.ExecuteAsync(new CommandDefinition("""
            UPDATE project_stage_changes SET review_status = @status, reviewed_by = @by, review_opinion = @opinion, reviewed_at = @now
            WHERE id = @ChangeId AND review_status = 'Pending'
            """, new { r.ChangeId, status = r.Outcome.ToString(), by, opinion, now }, tx, cancellationToken: ct));
        if (r.RevertedTo is { } stage)
            await BumpAsync(cn, tx, id, r.Version, now, ct, "stage = @stage, stage_date = @RevertedDate, terminated_reason = NULL,",
                new { stage = stage.ToString(), r.RevertedDate });
        else
            await BumpAsync(cn, tx, id, r.Version, now, ct);
    }

    public static async Task RecordInvestmentAsync(NpgsqlConnection cn, NpgsqlTransaction tx, Guid id, InvestmentRecorded r, string? note, Guid by,
        DateTimeOffset now, CancellationToken ct)
    {
        await BumpAsync(cn, tx, id, r.Version, now, ct);
        await cn.ExecuteAsync(new CommandDefinition("""
            INSERT INTO project_investments (id, project_id, on_date, amount, note, created_by, created_at) VALUES (@EntryId, @id, @OnDate, @Amount, @note, @by, @now)
            """, new { r.EntryId, id, r.OnDate, r.Amount, note, by, now }, tx, cancellationToken: ct));
    }

    /// <summary>Whether someone may own an issue: an account that exists and is not disabled.</summary>
    public static Task<bool> IsActiveUserAsync(NpgsqlConnection cn, NpgsqlTransaction tx, Guid user, CancellationToken ct) =>
        cn.ExecuteScalarAsync<bool>(new CommandDefinition("SELECT EXISTS (SELECT 1 FROM users WHERE id = @user AND NOT is_disabled)", new { user }, tx,
            cancellationToken: ct));

    /// <summary>Whether someone may be a key project's responsible leader: an active account with the leader role.</summary>
    public static Task<bool> IsActiveLeaderAsync(NpgsqlConnection cn, NpgsqlTransaction tx, Guid leader, CancellationToken ct) =>
        cn.ExecuteScalarAsync<bool>(new CommandDefinition(
            "SELECT EXISTS (SELECT 1 FROM users WHERE id = @leader AND 'Leader' = ANY(roles) AND NOT is_disabled)", new { leader }, tx, cancellationToken: ct));

    /// <summary>Whether every one of these is an active promotion officer (a concierge must be one).</summary>
    public static async Task<bool> AreActiveOfficersAsync(NpgsqlConnection cn, NpgsqlTransaction tx, Guid[] people, CancellationToken ct) =>
        await cn.ExecuteScalarAsync<long>(new CommandDefinition(
            "SELECT count(*) FROM users WHERE id = ANY(@people) AND 'PromotionOfficer' = ANY(roles) AND NOT is_disabled", new { people }, tx,
            cancellationToken: ct)) == people.Length;

    public static async Task AddIssueAsync(NpgsqlConnection cn, NpgsqlTransaction tx, Guid id, IssueAdded a, NewIssue issue, DateTimeOffset now, CancellationToken ct)
    {
        await BumpAsync(cn, tx, id, a.Version, now, ct);
        await cn.ExecuteAsync(new CommandDefinition("""
            INSERT INTO project_issues (id, project_id, description, owner_id, due_date, created_by, created_at) VALUES (@IssueId, @id, @d, @OwnerId, @DueDate, @UserId, @now)
            """, new { a.IssueId, id, d = issue.Description.Trim(), issue.OwnerId, issue.DueDate, issue.UserId, now }, tx, cancellationToken: ct));
    }

    public static async Task ResolveIssueAsync(NpgsqlConnection cn, NpgsqlTransaction tx, Guid id, IssueResolved r, string resolution, DateTimeOffset now,
        CancellationToken ct)
    {
        await BumpAsync(cn, tx, id, r.Version, now, ct);
        await cn.ExecuteAsync(new CommandDefinition(
            "UPDATE project_issues SET status = 'Resolved', resolution = @res, resolved_at = @now, version = version + 1 WHERE id = @IssueId AND project_id = @id",
            new { r.IssueId, id, res = resolution.Trim(), now }, tx, cancellationToken: ct));
    }

    public static async Task<ProjectFileDto> AttachFileAsync(NpgsqlConnection cn, NpgsqlTransaction tx, Guid id, FileAttached a, ProjectFile f, DateTimeOffset now,
        CancellationToken ct)
    {
        await BumpAsync(cn, tx, id, a.Version, now, ct);
        var name = Path.GetFileName(f.FileName.Trim());
        var type = f.ContentType.ToLowerInvariant();
        await cn.ExecuteAsync(new CommandDefinition("""
            INSERT INTO project_files (id, project_id, stage_change_id, file_name, content_type, size_bytes, content, uploaded_by, uploaded_at)
            VALUES (@FileId, @id, @StageChangeId, @name, @type, @size, @Content, @UserId, @now)
            """, new { f.FileId, id, f.StageChangeId, name, type, size = f.Content.Length, f.Content, f.UserId, now }, tx, cancellationToken: ct));
        return new ProjectFileDto(f.FileId, f.StageChangeId, name, type, f.Content.Length, now);
    }

    /// <summary>Ends the current assignment with its reason (kept in the history) and starts the new pair, if any.</summary>
    public static async Task AssignConciergeAsync(NpgsqlConnection cn, NpgsqlTransaction tx, Guid id, ConciergeAssigned a, Guid by, DateTimeOffset now,
        CancellationToken ct)
    {
        await BumpAsync(cn, tx, id, a.Version, now, ct);
        if (a.EndsCurrent)
            await cn.ExecuteAsync(new CommandDefinition(
                "UPDATE concierge_assignments SET ended_at = @now, handover_reason = @HandoverReason WHERE project_id = @id AND ended_at IS NULL",
                new { id, now, a.HandoverReason }, tx, cancellationToken: ct));
        if (a.Pair is { } pair)
            await cn.ExecuteAsync(new CommandDefinition("""
                INSERT INTO concierge_assignments (id, project_id, a_user_id, b_user_id, started_at, assigned_by) VALUES (gen_random_uuid(), @id, @A, @B, @now, @by)
                """, new { id, pair.A, pair.B, now, by }, tx, cancellationToken: ct));
    }

    /// <summary>The project as lists show it, read inside the command's transaction (the answer to most commands).</summary>
    public static Task<ProjectSummary> SummaryAsync(NpgsqlConnection cn, NpgsqlTransaction tx, Guid id, CancellationToken ct) => ProjectLoad.Reload(cn, tx, id, ct);
}
