using System.Security.Claims;
using BizEnv.Invest.Application.Abstractions;
using Bunit;
using MediatR;
using Microsoft.Extensions.DependencyInjection;

namespace BizEnv.Invest.Web.Tests.Components;

/// <summary>
/// Base for components that inherit AppPage: they send through the real <see cref="RequestDispatcher"/> (so idempotency
/// keys and the actor are filled in as in the app) to a <see cref="CannedMediator"/>, as a signed-in user supplied by
/// bunit's fake authentication state.
/// </summary>
public abstract class AppPageComponentTest : ComponentTest
{
    protected static readonly Guid UserId = Guid.Parse("11111111-2222-3333-4444-555555555555");

    protected CannedMediator.Answers Answers { get; } = new();

    protected AppPageComponentTest()
    {
        Services.AddSingleton(Answers);
        Services.AddScoped<ActorContext>();
        Services.AddScoped<IMediator, CannedMediator>();
        Services.AddSingleton<RequestDispatcher>();
        Services.AddLogging();
        var auth = AddAuthorization();
        auth.SetAuthorized("zhangsan");
        auth.SetClaims(new Claim(ClaimTypes.NameIdentifier, UserId.ToString()));
    }
}
