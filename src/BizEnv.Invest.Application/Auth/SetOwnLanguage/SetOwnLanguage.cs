using BizEnv.Invest.Application.Abstractions;
using BizEnv.Invest.Application.Common;
using BizEnv.Invest.Application.Errors;
using BizEnv.Invest.Application.Localization;
using Dapper;
using FluentValidation;
using MediatR;

namespace BizEnv.Invest.Application.Auth.SetOwnLanguage;

/// <summary>Remembers the user's UI language (zh-CN or en-US) so it follows them to any browser.</summary>
public sealed record SetOwnLanguage(string Language) : ICommand<Done>;

public sealed class SetOwnLanguageValidator : AbstractValidator<SetOwnLanguage>
{
    public SetOwnLanguageValidator() =>
        RuleFor(x => x.Language).Must(l => Text.Cultures.Contains(l)).WithText("language.unsupported");
}

public sealed class SetOwnLanguageHandler(IDbSession db, ActorContext actor, IAuditTrail audit) : IRequestHandler<SetOwnLanguage, Done>
{
    public async Task<Done> Handle(SetOwnLanguage request, CancellationToken ct)
    {
        var id = actor.Actor.UserId ?? throw new UnauthenticatedException();
        audit.Target("user", id, request.Language);
        var cn = await db.ConnectionAsync(ct);
        await cn.ExecuteAsync(new CommandDefinition("UPDATE users SET language = @lang WHERE id = @id",
            new { id, lang = request.Language }, db.Transaction, cancellationToken: ct));
        return Done.Value;
    }
}
