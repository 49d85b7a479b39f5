using BizEnv.Invest.Domain.Common;
using BizEnv.Invest.Domain.Crm;
using Dapper;
using Npgsql;

namespace BizEnv.Invest.Application.Crm.Investors.Grain;

/// <summary>
/// The investor grain's reads and writes of its rows (investors, investor_contacts, investor_officers),
/// and the registry checks an <see cref="Investor"/> cannot make on its own: the parent, industry and
/// officers exist, and no other firm holds the credit code or the name.
/// </summary>
public static class InvestorBook
{
    /// <summary>
    /// The duplicate-name comparison key: lower case, without whitespace and ASCII or full-width
    /// parentheses. The very expression of the generated column investors.name_key (migration 0021),
    /// applied here to the name being saved, so both sides are computed alike and the index is used.
    /// </summary>
    private const string NameKeySql = @"regexp_replace(lower(@name), '[\s()（）]', '', 'g')";

    public static async Task<Investor?> LoadAsync(NpgsqlConnection cn, NpgsqlTransaction? tx, Guid id, CancellationToken ct)
    {
        using var grid = await cn.QueryMultipleAsync(new CommandDefinition("""
            SELECT id, unit_id, name, credit_code, ownership, home_region, industry_code, is_fortune500, is_china500, parent_id, version
              FROM investors WHERE id = @id;
            SELECT id AS Id, name AS Name, title AS Title, phone AS Phone, email AS Email, private_to_unit AS PrivateToUnit, sort AS Sort FROM investor_contacts WHERE investor_id = @id ORDER BY sort, id;
            SELECT user_id FROM investor_officers WHERE investor_id = @id ORDER BY user_id;
            """, new { id }, tx, cancellationToken: ct));
        var row = await grid.ReadSingleOrDefaultAsync<(Guid Id, Guid UnitId, string Name, string? CreditCode, string Ownership, string? HomeRegion,
            string? IndustryCode, bool IsFortune500, bool IsChina500, Guid? ParentId, int Version)?>();
        var contacts = (await grid.ReadAsync<InvestorContact>()).ToList();
        var officers = (await grid.ReadAsync<Guid>()).ToList();
        return row is not { } r ? null : new Investor(r.Id, r.UnitId, r.Name, r.CreditCode, Enum.Parse<Ownership>(r.Ownership), r.HomeRegion, r.IndustryCode,
            r.IsFortune500, r.IsChina500, r.ParentId, contacts, officers, r.Version);
    }

    /// <summary>What a registration's answer names besides its own fields: its unit's and its industry's names.</summary>
    public sealed record Names(string UnitName, string? IndustryName);

    /// <summary>
    /// The industry, the parent (not one of the firm's own descendants) and the linked officers exist;
    /// returns the unit's and the industry's names, read on the way.
    /// </summary>
    public static async Task<Names> EnsureReferencesExistAsync(NpgsqlConnection cn, NpgsqlTransaction tx, Investor investor, CancellationToken ct)
    {
        var officers = investor.LinkedOfficerIds.ToArray();
        var found = await cn.QuerySingleAsync<(bool Industry, long Officers, string UnitName, string? IndustryName)>(new CommandDefinition("""
            SELECT @industry::text IS NULL OR EXISTS (SELECT 1 FROM industries WHERE code = @industry),
                   (SELECT count(*) FROM users WHERE id = ANY(@officers) AND NOT is_disabled),
                   (SELECT unit_name(name_zh, name_en) FROM units WHERE id = @unit),
                   (SELECT name_zh FROM industries WHERE code = @industry)
            """, new { industry = investor.IndustryCode, officers, unit = investor.UnitId }, tx, cancellationToken: ct));
        if (!found.Industry)
            throw new FieldRuleException(nameof(Investor.IndustryCode), "investor.industry_unknown", investor.IndustryCode!);
        if (investor.ParentId is { } parent)
        {
            var cycle = await cn.ExecuteScalarAsync<bool?>(new CommandDefinition("""
                WITH RECURSIVE up AS (SELECT id, parent_id FROM investors WHERE id = @parent
                                      UNION ALL SELECT i.id, i.parent_id FROM investors i JOIN up ON i.id = up.parent_id)
                SELECT bool_or(id = @id) FROM up
                """, new { parent, id = investor.Id }, tx, cancellationToken: ct));
            if (cycle is null)
                throw new FieldRuleException(nameof(Investor.ParentId), "investor.parent_unknown");
            if (cycle == true)
                throw new FieldRuleException(nameof(Investor.ParentId), "investor.parent_cycle");
        }
        if (found.Officers != officers.Length)
            throw new FieldRuleException(nameof(Investor.LinkedOfficerIds), "investor.officer_unknown");
        return new Names(found.UnitName, found.IndustryName);
    }

    /// <summary>A firm just registered as the list shows it: no projects or visits yet, so nothing more to read.</summary>
    public static InvestorSummary Registered(Investor a, Names names) => new(a.Id, a.UnitId, names.UnitName, a.Name, a.CreditCode, a.Ownership, a.HomeRegion,
        a.IndustryCode, names.IndustryName, a.IsFortune500, a.IsChina500, 0, null, a.Version);

    /// <summary>
    /// No other firm holds the credit code (the refusal names it and its unit), and — unless the
    /// officer confirmed it is a different company — none has the same name up to case, spaces and
    /// brackets. Both are index look-ups, so a save costs the same in a registry of any size.
    /// </summary>
    public static async Task EnsureNotDuplicateAsync(NpgsqlConnection cn, NpgsqlTransaction tx, Investor investor, bool confirmedSameName, CancellationToken ct)
    {
        // Both look-ups in one round trip; each answers no row when it does not apply.
        using var grid = await cn.QueryMultipleAsync(new CommandDefinition($"""
            {CodeHolderSql} AND @code::text IS NOT NULL;
            SELECT i.name, unit_name(u.name_zh, u.name_en) FROM investors i JOIN units u ON u.id = i.unit_id
             WHERE NOT @confirmed AND i.name_key = {NameKeySql} AND i.id <> @id
             LIMIT 1;
            """, new { code = investor.CreditCode, name = investor.Name, id = investor.Id, confirmed = confirmedSameName }, tx, cancellationToken: ct));
        if (await grid.ReadSingleOrDefaultAsync<(string Name, string Unit)?>() is { } holder)
            throw new FieldRuleException(nameof(Investor.CreditCode), "investor.credit_code_taken", holder.Name, holder.Unit);
        if (await grid.ReadSingleOrDefaultAsync<(string Name, string Unit)?>() is { } same)
            throw new FieldRuleException(nameof(Investor.Name), "investor.name_duplicate", same.Name, same.Unit);
    }

    private const string CodeHolderSql =
        "SELECT i.name, unit_name(u.name_zh, u.name_en) FROM investors i JOIN units u ON u.id = i.unit_id WHERE i.credit_code = @code AND i.id <> @id";

    /// <summary>The firm (other than <paramref name="id"/>) holding a credit code, with its unit's name.</summary>
    public static Task<(string Name, string Unit)?> CodeHolderAsync(NpgsqlConnection cn, NpgsqlTransaction? tx, string code, Guid id, CancellationToken ct) =>
        cn.QuerySingleOrDefaultAsync<(string Name, string Unit)?>(new CommandDefinition(CodeHolderSql, new { code, id }, tx, cancellationToken: ct));

    /// <summary>
    /// Writes the change: the record (an edit only over the version it was made from — a guard should
    /// another writer ever have moved the row), then the contacts and officers as they now are
    /// (removed ones deleted, the others written over by id).
    /// </summary>
    public static async Task SaveAsync(NpgsqlConnection cn, NpgsqlTransaction tx, InvestorChange change, Guid by, DateTimeOffset now, CancellationToken ct)
    {
        var a = change.After;
        if (change.Before is null)
        {
            // A registration's rows in one round trip.
            var rows = ChildRows(a);
            rows.AddDynamicParams(new
            {
                a.UnitId, a.Name, a.CreditCode, ownership = a.Ownership.ToString(), a.HomeRegion, a.IndustryCode, a.IsFortune500, a.IsChina500,
                a.ParentId, by, now, a.Version,
            });
            await cn.ExecuteAsync(new CommandDefinition(InsertSql + ";\n" + ContactsSql + ";\n" + OfficersSql, rows, tx, cancellationToken: ct));
            return;
        }
        var changed = await cn.ExecuteAsync(new CommandDefinition("""
            UPDATE investors SET name = @Name, credit_code = @CreditCode, ownership = @ownership, home_region = @HomeRegion, industry_code = @IndustryCode,
                   is_fortune500 = @IsFortune500, is_china500 = @IsChina500, parent_id = @ParentId, updated_at = @now, version = @Version
            WHERE id = @Id AND version = @before
            """, new
        {
            a.Id, a.Name, a.CreditCode, ownership = a.Ownership.ToString(), a.HomeRegion, a.IndustryCode, a.IsFortune500, a.IsChina500, a.ParentId, now,
            a.Version, before = change.Before.Version,
        }, tx, cancellationToken: ct));
        if (changed == 0)
            throw new VersionConflictException("investor", a.Id);
        // Only what the change removed goes: a row the aggregate never knew of is left alone.
        await cn.ExecuteAsync(new CommandDefinition($"""
            DELETE FROM investor_contacts WHERE investor_id = @Id AND id = ANY(@gone);
            DELETE FROM investor_officers WHERE investor_id = @Id AND user_id <> ALL(@users);
            {ContactsSql};
            {OfficersSql};
            """, Gone(a, change.Before), tx, cancellationToken: ct));
    }

    /// <summary>The contacts and linked officers as the statements above take them, by column.</summary>
    private static DynamicParameters ChildRows(Investor a) => new(new
    {
        a.Id, ids = a.Contacts.Select(c => c.Id).ToArray(), investor = a.Contacts.Select(_ => a.Id).ToArray(),
        names = a.Contacts.Select(c => c.Name).ToArray(), titles = a.Contacts.Select(c => c.Title).ToArray(),
        phones = a.Contacts.Select(c => c.Phone).ToArray(), emails = a.Contacts.Select(c => c.Email).ToArray(),
        sorts = a.Contacts.Select(c => c.Sort).ToArray(), privateTo = a.Contacts.Select(c => c.PrivateToUnit).ToArray(),
        users = a.LinkedOfficerIds.ToArray(),
    });

    private static DynamicParameters Gone(Investor a, Investor before)
    {
        var rows = ChildRows(a);
        rows.Add("gone", before.Contacts.Select(c => c.Id).Except(a.Contacts.Select(c => c.Id)).ToArray());
        return rows;
    }

    /// <summary>New firms' rows (a registration; an import's valid rows in one go).</summary>
    public static Task InsertAsync(NpgsqlConnection cn, NpgsqlTransaction tx, IReadOnlyList<Investor> investors, Guid by, DateTimeOffset now, CancellationToken ct) =>
        cn.ExecuteAsync(new CommandDefinition(InsertSql, investors.Select(a => new
        {
            a.Id, a.UnitId, a.Name, a.CreditCode, ownership = a.Ownership.ToString(), a.HomeRegion, a.IndustryCode, a.IsFortune500, a.IsChina500, a.ParentId,
            by, now, a.Version,
        }), tx, cancellationToken: ct));

    private const string InsertSql = """
        INSERT INTO investors (id, unit_id, name, credit_code, ownership, home_region, industry_code, is_fortune500, is_china500,
                               parent_id, created_by, created_at, updated_at, version)
        VALUES (@Id, @UnitId, @Name, @CreditCode, @ownership, @HomeRegion, @IndustryCode, @IsFortune500, @IsChina500, @ParentId, @by, @now, @now, @Version)
        """;

    // A contact the firm already had is written over by id (the aggregate only reuses its own contacts' ids).
    private const string ContactsSql = """
        INSERT INTO investor_contacts (id, investor_id, name, title, phone, email, sort, private_to_unit)
        SELECT * FROM unnest(@ids, @investor, @names, @titles, @phones, @emails, @sorts, @privateTo)
        ON CONFLICT (id) DO UPDATE SET name = excluded.name, title = excluded.title, phone = excluded.phone, email = excluded.email,
                                       sort = excluded.sort, private_to_unit = excluded.private_to_unit
        """;

    private const string OfficersSql = "INSERT INTO investor_officers (investor_id, user_id) SELECT @Id, unnest(@users) ON CONFLICT DO NOTHING";

    /// <summary>The private flag of one contact and the firm's version, as <see cref="Investor.MarkContact"/> changed them.</summary>
    public static async Task MarkContactAsync(NpgsqlConnection cn, NpgsqlTransaction tx, InvestorChange change, Guid contactId, DateTimeOffset now, CancellationToken ct)
    {
        var contact = change.After.Contacts.Single(c => c.Id == contactId);
        var changed = await cn.ExecuteAsync(new CommandDefinition("""
            UPDATE investors SET version = @version, updated_at = @now WHERE id = @id AND version = @before;
            """, new { id = change.After.Id, version = change.After.Version, before = change.Before!.Version, now }, tx, cancellationToken: ct));
        if (changed == 0)
            throw new VersionConflictException("investor", change.After.Id);
        await cn.ExecuteAsync(new CommandDefinition("UPDATE investor_contacts SET private_to_unit = @PrivateToUnit WHERE id = @Id",
            contact, tx, cancellationToken: ct));
    }

    public static async Task<InvestorSummary> SummaryAsync(NpgsqlConnection cn, NpgsqlTransaction tx, Guid id, CancellationToken ct) =>
        (await cn.QuerySingleAsync<InvestorRow>(new CommandDefinition(InvestorRow.Select + " WHERE i.id = @id", new { id }, tx, cancellationToken: ct))).ToDto();

    public static Task<ContactView> ContactAsync(NpgsqlConnection cn, NpgsqlTransaction tx, Guid contactId, CancellationToken ct) =>
        cn.QuerySingleAsync<ContactView>(new CommandDefinition(ContactView.Select + " WHERE c.id = @contactId", new { contactId }, tx, cancellationToken: ct));
}
