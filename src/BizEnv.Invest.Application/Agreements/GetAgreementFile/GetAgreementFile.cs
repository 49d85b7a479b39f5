using BizEnv.Invest.Application.Abstractions;
using BizEnv.Invest.Application.Errors;
using BizEnv.Invest.Domain.Identity;
using Dapper;
using MediatR;

namespace BizEnv.Invest.Application.Agreements.GetAgreementFile;

/// <summary>The signed agreement as it was uploaded (PDF or image).</summary>
[AllowRoles(Role.PromotionOfficer, Role.Leader, Role.IntegrityOfficer, Role.Admin)]
public sealed record GetAgreementFile(Guid Id) : IQuery<FileDownload>;

public sealed class GetAgreementFileHandler(IDbSession db, ActorContext actor) : IRequestHandler<GetAgreementFile, FileDownload>
{
    public async Task<FileDownload> Handle(GetAgreementFile r, CancellationToken ct)
    {
        var cn = await db.ConnectionAsync(ct);
        await AgreementAccess.ForRead(cn, actor.Actor, r.Id, ct);
        var file = await cn.QuerySingleOrDefaultAsync<(string Name, string Type, byte[] Content)?>(new CommandDefinition(
            "SELECT file_name, file_type, file_content FROM agreements WHERE id = @Id AND file_content IS NOT NULL", r, cancellationToken: ct))
            ?? throw new NotFoundException("file", r.Id);
        return FileDownload.FromBytes(file.Name, file.Type, file.Content);
    }
}
