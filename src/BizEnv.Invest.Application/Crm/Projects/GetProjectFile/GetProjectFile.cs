using BizEnv.Invest.Application.Abstractions;
using BizEnv.Invest.Application.Errors;
using BizEnv.Invest.Domain.Identity;
using Dapper;
using MediatR;

namespace BizEnv.Invest.Application.Crm.Projects.GetProjectFile;

[AllowRoles(Role.PromotionOfficer, Role.Leader, Role.IntegrityOfficer, Role.Admin)]
public sealed record GetProjectFile(Guid ProjectId, Guid FileId) : IQuery<FileDownload>;

public sealed class GetProjectFileHandler(IDbSession db, ActorContext actor) : IRequestHandler<GetProjectFile, FileDownload>
{
    public async Task<FileDownload> Handle(GetProjectFile r, CancellationToken ct)
    {
        var cn = await db.ConnectionAsync(ct);
        await ProjectLoad.ForRead(cn, actor.Actor, r.ProjectId, ct);
        var file = await cn.QuerySingleOrDefaultAsync<(string Name, string Type, byte[] Content)?>(new CommandDefinition(
            "SELECT file_name, content_type, content FROM project_files WHERE id = @FileId AND project_id = @ProjectId", r, cancellationToken: ct))
            ?? throw new NotFoundException("file", r.FileId);
        return FileDownload.FromBytes(file.Name, file.Type, file.Content);
    }
}
