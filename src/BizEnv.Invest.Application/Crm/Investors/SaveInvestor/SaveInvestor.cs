using BizEnv.Invest.Application.Abstractions;
using BizEnv.Invest.Application.Common;
using BizEnv.Invest.Application.Errors;
using BizEnv.Invest.Domain.Crm;
using BizEnv.Invest.Domain.Identity;
using Dapper;
using FluentValidation;
using MediatR;

namespace BizEnv.Invest.Application.Crm.Investors.SaveInvestor;

/// <summary>
/// Create (Id = null) or update an investor of the officer's own unit, with its contacts and linked
/// officers (联系企业). The credit code is checked (GB 32100-2015) and unique; a second firm with the
/// same name is refused unless the officer confirms it is a different company. A contact marked
/// "only our unit" is private to the officer's unit; a unit's internal notes are kept apart
/// (SaveUnitNote), never on the shared record.
/// </summary>
[AllowRoles(Role.PromotionOfficer)]
public sealed record SaveInvestor(
    Guid? Id, string Name, string? CreditCode, Ownership Ownership, string? HomeRegion, string? IndustryCode,
    bool IsFortune500, bool IsChina500, Guid? ParentId, IReadOnlyList<ContactDto> Contacts,
    IReadOnlyList<Guid> LinkedOfficerIds, bool ConfirmSameName = false, int Version = 0) : ICommand<InvestorSummary>;

public sealed class SaveInvestorValidator : AbstractValidator<SaveInvestor>
{
    public SaveInvestorValidator()
    {
        RuleFor(x => x.Name).NotEmpty().WithText("investor.name_required").MaximumLength(200).WithText("field.too_long", 200);
        RuleFor(x => x.CreditCode).Custom((code, ctx) =>
        {
            if (string.IsNullOrWhiteSpace(code))
                return;
            if (CreditCode.Check(code) is { } problem)
                ctx.AddFailure(new FluentValidation.Results.ValidationFailure(nameof(SaveInvestor.CreditCode),
                    Localization.Text.Get(problem.Code, [.. problem.Args])) { ErrorCode = problem.Code });
        });
        RuleFor(x => x.Ownership).IsInEnum().WithText("investor.ownership_unknown");
        RuleFor(x => x.HomeRegion).MaximumLength(50).WithText("field.too_long", 50);
        RuleFor(x => x.Contacts).NotNull();
        RuleForEach(x => x.Contacts).ChildRules(c =>
        {
            c.RuleFor(x => x.Name).NotEmpty().WithText("contact.name_required").MaximumLength(50).WithText("field.too_long", 50);
            c.RuleFor(x => x.Title).MaximumLength(50).WithText("field.too_long", 50);
            c.RuleFor(x => x.Phone).Matches(@"^[0-9+\-() ]{5,20}$").WithText("field.phone_format").When(x => !string.IsNullOrWhiteSpace(x.Phone));
            c.RuleFor(x => x.Email).EmailAddress().WithText("field.email_format").When(x => !string.IsNullOrWhiteSpace(x.Email));
            c.RuleFor(x => x).Must(x => !string.IsNullOrWhiteSpace(x.Phone) || !string.IsNullOrWhiteSpace(x.Email)).WithText("contact.phone_or_email");
        });
        RuleFor(x => x.LinkedOfficerIds).NotNull();
    }
}

public sealed class SaveInvestorHandler(IDbSession db, ActorContext actor, IAuditTrail audit, TimeProvider clock)
    : IRequestHandler<SaveInvestor, InvestorSummary>
{
    public async Task<InvestorSummary> Handle(SaveInvestor r, CancellationToken ct)
    {
        var me = actor.Actor;
        var cn = await db.ConnectionAsync(ct);
        var tx = db.Transaction;
        var id = r.Id ?? Guid.NewGuid();
        audit.Target("investor", id, r.Name);
        var code = string.IsNullOrWhiteSpace(r.CreditCode) ? null : CreditCode.Normalize(r.CreditCode);
        var now = clock.GetUtcNow();

        if (r.Id is not null)
        {
            var unit = await cn.ExecuteScalarAsync<Guid?>(new CommandDefinition(
                "SELECT unit_id FROM investors WHERE id = @id", new { id }, tx, cancellationToken: ct)) ?? throw new NotFoundException("investor", id);
            // The registry is readable by all units, so a stranger's edit is forbidden rather than "not found".
            if (!CrmAccess.MayWrite(me, unit))
                throw new ForbiddenException();
        }
        await EnsureReferencesExist(r, id, cn, tx, ct);
        await EnsureNotDuplicate(r, id, code, cn, tx, ct);

        var args = new
        {
            id, unit = me.UnitId, name = r.Name.Trim(), code, ownership = r.Ownership.ToString(), region = Blank(r.HomeRegion),
            industry = Blank(r.IndustryCode)?.ToUpperInvariant(), r.IsFortune500, r.IsChina500, r.ParentId, by = me.UserId, now, r.Version,
        };
        try
        {
            await Write(r, args, cn, tx, ct);
        }
        catch (Npgsql.PostgresException e) when (e.SqlState == Npgsql.PostgresErrorCodes.UniqueViolation)
        {
            // Two officers registering the same code at the same moment: the second one hears why.
            throw ValidationText.FieldError(nameof(r.CreditCode), "investor.credit_code_taken", code ?? "", "");
        }
        var id2 = id;
        var kept = await ReplaceableContacts(r, cn, tx, me, ct);
        await cn.ExecuteAsync(new CommandDefinition("""
            INSERT INTO investor_contacts (id, investor_id, name, title, phone, email, sort, private_to_unit)
            VALUES (@cid, @id, @Name, @Title, @Phone, @Email, @sort, @privateTo)
            """, r.Contacts.Select((c, i) => new
        {
            // A contact keeps its id across edits when it was one of this firm's; any other id is a new contact.
            cid = c.Id is { } old && kept.Remove(old) ? old : Guid.NewGuid(), id = id2, Name = c.Name.Trim(), Title = Blank(c.Title), Phone = Blank(c.Phone),
            Email = Blank(c.Email), sort = i, privateTo = c.OnlyOurUnit ? me.UnitId : null,
        }), tx, cancellationToken: ct));
        await cn.ExecuteAsync(new CommandDefinition("INSERT INTO investor_officers (investor_id, user_id) VALUES (@id, @user)",
            r.LinkedOfficerIds.Distinct().Select(user => new { id = id2, user }), tx, cancellationToken: ct));

        return (await cn.QuerySingleAsync<InvestorRow>(new CommandDefinition(InvestorRow.Select + " WHERE i.id = @id", new { id }, tx, cancellationToken: ct))).ToDto();
    }

    private static async Task Write(SaveInvestor r, object args, Npgsql.NpgsqlConnection cn, Npgsql.NpgsqlTransaction? tx, CancellationToken ct)
    {
        var id = r.Id;
        if (r.Id is null)
        {
            await cn.ExecuteAsync(new CommandDefinition("""
                INSERT INTO investors (id, unit_id, name, credit_code, ownership, home_region, industry_code, is_fortune500, is_china500,
                                       parent_id, created_by, created_at, updated_at)
                VALUES (@id, @unit, @name, @code, @ownership, @region, @industry, @IsFortune500, @IsChina500, @ParentId, @by, @now, @now)
                """, args, tx, cancellationToken: ct));
        }
        else
        {
            var changed = await cn.ExecuteAsync(new CommandDefinition("""
                UPDATE investors SET name = @name, credit_code = @code, ownership = @ownership, home_region = @region, industry_code = @industry,
                       is_fortune500 = @IsFortune500, is_china500 = @IsChina500, parent_id = @ParentId,
                       updated_at = @now, version = version + 1
                WHERE id = @id AND version = @Version
                """, args, tx, cancellationToken: ct));
            if (changed == 0)
                throw new ConcurrencyConflictException("investor", id!);
            await cn.ExecuteAsync(new CommandDefinition("DELETE FROM investor_officers WHERE investor_id = @id", new { id }, tx, cancellationToken: ct));
        }
    }

    /// <summary>
    /// Removes the contacts the form replaces — those the editor can see — and returns their ids for
    /// reuse. Another unit's private contacts are not in the form, so they stay as they are.
    /// </summary>
    private static async Task<HashSet<Guid>> ReplaceableContacts(SaveInvestor r, Npgsql.NpgsqlConnection cn, Npgsql.NpgsqlTransaction? tx, Actor me, CancellationToken ct)
    {
        if (r.Id is null)
            return [];
        var ids = await cn.QueryAsync<Guid>(new CommandDefinition(
            $"DELETE FROM investor_contacts c WHERE c.investor_id = @id AND {CrmAccess.VisibleSql("c.private_to_unit")} RETURNING c.id",
            new { id = r.Id, privateScope = me.UnitId ?? Guid.Empty }, tx, cancellationToken: ct));
        return ids.ToHashSet();
    }

    private static async Task EnsureReferencesExist(SaveInvestor r, Guid id, Npgsql.NpgsqlConnection cn, Npgsql.NpgsqlTransaction? tx, CancellationToken ct)
    {
        if (!string.IsNullOrWhiteSpace(r.IndustryCode) && !await cn.ExecuteScalarAsync<bool>(new CommandDefinition(
                "SELECT EXISTS (SELECT 1 FROM industries WHERE code = @c)", new { c = r.IndustryCode.Trim().ToUpperInvariant() }, tx, cancellationToken: ct)))
            throw ValidationText.FieldError(nameof(r.IndustryCode), "investor.industry_unknown", r.IndustryCode);
        if (r.ParentId is { } parent)
        {
            if (parent == id)
                throw ValidationText.FieldError(nameof(r.ParentId), "investor.parent_self");
            // The parent may not be one of this investor's own descendants.
            var cycle = await cn.ExecuteScalarAsync<bool?>(new CommandDefinition("""
                WITH RECURSIVE up AS (SELECT id, parent_id FROM investors WHERE id = @parent
                                      UNION ALL SELECT i.id, i.parent_id FROM investors i JOIN up ON i.id = up.parent_id)
                SELECT bool_or(id = @id) FROM up
                """, new { parent, id }, tx, cancellationToken: ct));
            if (cycle is null)
                throw ValidationText.FieldError(nameof(r.ParentId), "investor.parent_unknown");
            if (cycle == true)
                throw ValidationText.FieldError(nameof(r.ParentId), "investor.parent_cycle");
        }
        var officers = r.LinkedOfficerIds.Distinct().ToArray();
        var found = await cn.ExecuteScalarAsync<long>(new CommandDefinition(
            "SELECT count(*) FROM users WHERE id = ANY(@officers) AND NOT is_disabled", new { officers }, tx, cancellationToken: ct));
        if (found != officers.Length)
            throw ValidationText.FieldError(nameof(r.LinkedOfficerIds), "investor.officer_unknown");
    }

    private static async Task EnsureNotDuplicate(SaveInvestor r, Guid id, string? code, Npgsql.NpgsqlConnection cn, Npgsql.NpgsqlTransaction? tx, CancellationToken ct)
    {
        if (code is not null)
        {
            var holder = await cn.QuerySingleOrDefaultAsync<(string Name, string Unit)?>(new CommandDefinition("""
                SELECT i.name, unit_name(u.name_zh, u.name_en) FROM investors i JOIN units u ON u.id = i.unit_id WHERE i.credit_code = @code AND i.id <> @id
                """, new { code, id }, tx, cancellationToken: ct));
            if (holder is { } h)
                throw ValidationText.FieldError(nameof(r.CreditCode), "investor.credit_code_taken", h.Name, h.Unit);
        }
        if (!r.ConfirmSameName)
        {
            var same = await cn.QuerySingleOrDefaultAsync<(string Name, string Unit)?>(new CommandDefinition("""
                SELECT i.name, unit_name(u.name_zh, u.name_en) FROM investors i JOIN units u ON u.id = i.unit_id
                WHERE regexp_replace(lower(i.name), '[\s()（）]', '', 'g') = regexp_replace(lower(@name), '[\s()（）]', '', 'g') AND i.id <> @id
                LIMIT 1
                """, new { name = r.Name.Trim(), id }, tx, cancellationToken: ct));
            if (same is { } s)
                throw ValidationText.FieldError(nameof(r.Name), "investor.name_duplicate", s.Name, s.Unit);
        }
    }

    private static string? Blank(string? s) => string.IsNullOrWhiteSpace(s) ? null : s.Trim();
}
