using BizEnv.Invest.Application.Abstractions;
using BizEnv.Invest.Application.Common;
using BizEnv.Invest.Application.Errors;
using BizEnv.Invest.Domain.Common;
using BizEnv.Invest.Domain.Identity;
using BizEnv.Invest.Domain.Ledger.Witness;
using Dapper;
using FluentValidation;
using MediatR;

namespace BizEnv.Invest.Application.Commitments.Witnesses.RegisterWitness;

/// <summary>
/// An admin registers a witness another office runs: its name (as its cosignature lines say it), the office, and the
/// Ed25519 public key the witness printed (base64). From then on the app takes that key's cosignatures and alarms.
/// </summary>
[AllowRoles(Role.Admin)]
public sealed record RegisterWitness(string Name, string Office, string PublicKey) : ICommand<WitnessDto>;

/// <summary>A registered witness as readers see it; <see cref="KeyId"/> is the key hash its cosignature lines start with (hex).</summary>
public sealed record WitnessDto(string Name, string Office, string PublicKey, string KeyId, DateTimeOffset AddedAt, DateTimeOffset? RetiredAt);

public sealed class RegisterWitnessValidator : AbstractValidator<RegisterWitness>
{
    public RegisterWitnessValidator()
    {
        // A signed-note key name: no spaces and no '+' (they would split the line).
        RuleFor(x => x.Name).NotEmpty().WithText("witness.name_required")
            .Matches(@"^[^\s+]{1,100}$").WithText("witness.name_invalid");
        RuleFor(x => x.Office).NotEmpty().WithText("witness.office_required").MaximumLength(100).WithText("witness.office_too_long");
        RuleFor(x => x.PublicKey).Must(k => WitnessKeys.ParsePublicKey(k) is not null).WithText("witness.public_key_invalid");
    }
}

public sealed class RegisterWitnessHandler(IDbSession db, ActorContext actor, IAuditTrail audit, TimeProvider clock) : IRequestHandler<RegisterWitness, WitnessDto>
{
    public async Task<WitnessDto> Handle(RegisterWitness r, CancellationToken ct)
    {
        audit.Target("ledger-witness", r.Name, r.Office);
        var key = WitnessKeys.ParsePublicKey(r.PublicKey)!;
        var keyId = Convert.ToHexStringLower(Cosignature.KeyHashOf(r.Name, key));
        var now = clock.GetUtcNow();
        var cn = await db.ConnectionAsync(ct);
        var added = await cn.ExecuteAsync(new CommandDefinition("""
            INSERT INTO ledger_witnesses (name, office, public_key, key_id, added_by, added_at) VALUES (@Name, @Office, @key, @keyId, @by, @now)
            ON CONFLICT DO NOTHING
            """, new { r.Name, r.Office, key, keyId, by = actor.Actor.UserId ?? throw new UnauthenticatedException(), now }, db.Transaction, cancellationToken: ct));
        if (added == 0)
            throw new DomainException("witness.already_registered", r.Name);
        return new WitnessDto(r.Name, r.Office, Convert.ToBase64String(key), keyId, now, null);
    }
}

/// <summary>An admin retires a witness: its key is no longer taken; its cosignatures stay on record.</summary>
[AllowRoles(Role.Admin)]
public sealed record RetireWitness(string Name) : ICommand<Done>;

public sealed class RetireWitnessHandler(IDbSession db, IAuditTrail audit, TimeProvider clock) : IRequestHandler<RetireWitness, Done>
{
    public async Task<Done> Handle(RetireWitness r, CancellationToken ct)
    {
        audit.Target("ledger-witness", r.Name);
        var retired = await (await db.ConnectionAsync(ct)).ExecuteAsync(new CommandDefinition(
            "UPDATE ledger_witnesses SET retired_at = @now WHERE name = @Name AND retired_at IS NULL", new { r.Name, now = clock.GetUtcNow() }, db.Transaction, cancellationToken: ct));
        return retired == 1 ? Done.Value : throw new DomainException("witness.unknown", r.Name);
    }
}
