using BizEnv.Invest.Application.Agreements;
using BizEnv.Invest.Application.Abstractions;
using BizEnv.Invest.Application.Agreements.Grain;
using BizEnv.Invest.Application.Common.Grains;
using BizEnv.Invest.Domain.Identity;
using FluentValidation;
using MediatR;
using Orleans;

namespace BizEnv.Invest.Application.Agreements.AttachAgreementFile;

/// <summary>The signed agreement (PDF or image, ≤ 10 MB) attached, or replaced by a better scan; the ledger notes it.</summary>
[AllowRoles(Role.PromotionOfficer, Role.Admin)]
public sealed record AttachAgreementFile(Guid AgreementId, string FileName, string ContentType, byte[] FileContent) : ICommand<AgreementSaved>, IGrainCommand;

public sealed class AttachAgreementFileValidator : AbstractValidator<AttachAgreementFile>
{
    public AttachAgreementFileValidator() => SignedFileRules.Rules(this, x => x.FileName, x => x.ContentType, x => x.FileContent ?? Array.Empty<byte>());
}

public sealed class AttachAgreementFileHandler(IDbSession db, ActorContext actor, IAuditTrail audit, IGrainFactory grains)
    : IRequestHandler<AttachAgreementFile, AgreementSaved>
{
    public async Task<AgreementSaved> Handle(AttachAgreementFile r, CancellationToken ct)
    {
        audit.Target("agreement", r.AgreementId, $"file {r.FileName}");
        await AgreementAccess.ForWrite(await db.ConnectionAsync(ct), actor.Actor, r.AgreementId, ct);
        var reply = await grains.GetGrain<IAgreementGrain>(r.AgreementId).AttachSignedFile(new SignedFile(r.FileName.Trim(), r.ContentType, r.FileContent),
            CommandContext.For(actor, audit, r));
        return reply.Result<AgreementSaved>();
    }
}
