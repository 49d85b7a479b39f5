using BizEnv.Invest.Application.Abstractions;
using BizEnv.Invest.Application.Common;
using BizEnv.Invest.Domain.Identity;
using FluentValidation;
using MediatR;
using BizEnv.Invest.Application.Common.Grains;
using BizEnv.Invest.Application.Crm.Projects.Grain;
using Orleans;

namespace BizEnv.Invest.Application.Crm.Projects.AttachProjectFile;

/// <summary>
/// Evidence for a project or one of its stage changes (contract scan, site photo…), stored in
/// PostgreSQL so one backup holds everything. At most 10 MB; photos, PDF and Office documents only.
/// </summary>
[AllowRoles(Role.PromotionOfficer)]
public sealed record AttachProjectFile(Guid ProjectId, Guid? StageChangeId, string FileName, string ContentType, byte[] Content) : ICommand<ProjectFileDto>, IGrainCommand;

public sealed class AttachProjectFileValidator : AbstractValidator<AttachProjectFile>
{
    public const int MaxBytes = 10 * 1024 * 1024;

    public static readonly IReadOnlySet<string> AllowedTypes = new HashSet<string>(StringComparer.OrdinalIgnoreCase)
    {
        "image/jpeg", "image/png", "image/webp", "application/pdf",
        "application/vnd.openxmlformats-officedocument.wordprocessingml.document",
        "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
    };

    public AttachProjectFileValidator()
    {
        RuleFor(x => x.FileName).NotEmpty().WithText("file.name_required").MaximumLength(200).WithText("field.too_long", 200);
        RuleFor(x => x.ContentType).Must(AllowedTypes.Contains).WithText("file.type_not_allowed");
        RuleFor(x => x.Content).NotNull().Must(c => c.Length > 0).WithText("file.empty")
            .Must(c => c.Length <= MaxBytes).WithText("file.too_large", MaxBytes / 1024 / 1024);
    }
}

public sealed class AttachProjectFileHandler(IDbSession db, ActorContext actor, IAuditTrail audit, IGrainFactory grains) : IRequestHandler<AttachProjectFile, ProjectFileDto>
{
    public async Task<ProjectFileDto> Handle(AttachProjectFile r, CancellationToken ct)
    {
        audit.Target("project", r.ProjectId, $"file {r.FileName}");
        await ProjectLoad.ForWrite(await db.ConnectionAsync(ct), actor.Actor, r.ProjectId, ct);
        var reply = await grains.GetGrain<IProjectGrain>(r.ProjectId).AttachFile(
            new ProjectFile(Guid.NewGuid(), r.StageChangeId, r.FileName, r.ContentType, r.Content, actor.Actor.UserId!.Value), CommandContext.For(actor, audit, r));
        return reply.Result<ProjectFileDto>();
    }
}
