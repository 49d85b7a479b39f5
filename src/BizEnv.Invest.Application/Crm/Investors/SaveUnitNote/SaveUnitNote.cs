using BizEnv.Invest.Application.Abstractions;
using BizEnv.Invest.Application.Common;
using BizEnv.Invest.Application.Errors;
using BizEnv.Invest.Domain.Identity;
using Dapper;
using FluentValidation;
using MediatR;

namespace BizEnv.Invest.Application.Crm.Investors.SaveUnitNote;

/// <summary>
/// An officer keeps their own unit's internal notes about a firm (本单位内部备注) — any firm of the shared
/// registry, since every unit may follow any firm. Only that unit and the integrity office read them.
/// <see cref="Version"/> is the note's version as read (0: there was none), so two officers of one unit
/// cannot overwrite each other unseen; a blank text removes the note. Answers the note, or null when removed.
/// </summary>
[AllowRoles(Role.PromotionOfficer)]
public sealed record SaveUnitNote(Guid InvestorId, string? Body, int Version = 0) : ICommand<UnitNoteView?>;

public sealed class SaveUnitNoteValidator : AbstractValidator<SaveUnitNote>
{
    public const int MaxLength = 2000;

    public SaveUnitNoteValidator()
    {
        RuleFor(x => x.Body).MaximumLength(MaxLength).WithText("field.too_long", MaxLength);
        RuleFor(x => x.Version).GreaterThanOrEqualTo(0);
    }
}

public sealed class SaveUnitNoteHandler(IDbSession db, ActorContext actor, IAuditTrail audit, TimeProvider clock)
    : IRequestHandler<SaveUnitNote, UnitNoteView?>
{
    /// <summary>Who keeps a unit's note: an officer, for their own unit (the same rule as writing the unit's records).</summary>
    public static bool MayKeep(Actor actor) => actor.UnitId is { } unit && CrmAccess.MayWrite(actor, unit);

    public async Task<UnitNoteView?> Handle(SaveUnitNote r, CancellationToken ct)
    {
        var me = actor.Actor;
        audit.Target("investor", r.InvestorId, "unit note");
        if (!MayKeep(me))
            throw new ForbiddenException();
        var cn = await db.ConnectionAsync(ct);
        var tx = db.Transaction;
        if (!await cn.ExecuteScalarAsync<bool>(new CommandDefinition(
                "SELECT EXISTS (SELECT 1 FROM investors WHERE id = @InvestorId)", new { r.InvestorId }, tx, cancellationToken: ct)))
            throw new NotFoundException("investor", r.InvestorId);

        var args = new { r.InvestorId, unit = me.UnitId, body = r.Body?.Trim(), by = me.UserId, now = clock.GetUtcNow(), r.Version };
        if (string.IsNullOrWhiteSpace(r.Body))
        {
            var removed = await cn.ExecuteAsync(new CommandDefinition(
                "DELETE FROM investor_unit_notes WHERE investor_id = @InvestorId AND unit_id = @unit AND version = @Version", args, tx, cancellationToken: ct));
            if (removed == 0 && r.Version != 0)
                throw new ConcurrencyConflictException("investor", r.InvestorId);
            return null;
        }
        // Version 0 inserts; an existing note is updated only at the version the officer read (versions start at 1).
        var saved = await cn.ExecuteAsync(new CommandDefinition("""
            INSERT INTO investor_unit_notes (investor_id, unit_id, body, updated_by, updated_at) VALUES (@InvestorId, @unit, @body, @by, @now)
            ON CONFLICT (investor_id, unit_id) DO UPDATE SET body = excluded.body, updated_by = excluded.updated_by,
                   updated_at = excluded.updated_at, version = investor_unit_notes.version + 1
             WHERE investor_unit_notes.version = @Version
            """, args, tx, cancellationToken: ct));
        if (saved == 0)
            throw new ConcurrencyConflictException("investor", r.InvestorId);
        return await cn.QuerySingleAsync<UnitNoteView>(new CommandDefinition(
            UnitNoteView.Select + " WHERE n.investor_id = @InvestorId AND n.unit_id = @unit", args, tx, cancellationToken: ct));
    }
}
