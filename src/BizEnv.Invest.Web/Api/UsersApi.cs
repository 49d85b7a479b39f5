using BizEnv.Invest.Application.Abstractions;
using BizEnv.Invest.Application.Common;
using BizEnv.Invest.Application.Handover.GetOpenItems;
using BizEnv.Invest.Application.Users;
using BizEnv.Invest.Application.Users.CreateUser;
using BizEnv.Invest.Application.Users.GetUser;
using BizEnv.Invest.Application.Users.ListUsers;
using BizEnv.Invest.Application.Users.ResetUserPassword;
using BizEnv.Invest.Application.Users.SetUserDisabled;
using BizEnv.Invest.Application.Users.UpdateUser;
using BizEnv.Invest.Domain.Identity;

namespace BizEnv.Invest.Web.Api;

public static class UsersApi
{
    public sealed record UpdateUserBody(string DisplayName, Guid UnitId, IReadOnlyList<Role> Roles, string? Email, string? Phone, int Version, Guid? SuccessorId = null);

    public sealed record ResetPasswordBody(string TemporaryPassword);

    public static void MapUsersApi(this RouteGroupBuilder v1)
    {
        var users = v1.MapGroup("/users").WithTags("Users");

        users.MapGet("/", async (HttpContext ctx, string? search, Guid? unitId, Role? role, bool? disabled, int? page, int? pageSize, string? sort, bool? desc) =>
                TypedResults.Ok(await ctx.Send(new ListUsers(search, unitId, role, disabled, page ?? 1, pageSize ?? 20, sort, desc ?? false))))
            .WithSummary("List users (admin)").Produces<Page<UserDto>>();

        users.MapGet("/{id:guid}", async (Guid id, HttpContext ctx) => TypedResults.Ok(await ctx.Send(new GetUser(id))))
            .WithSummary("One user (admin)");

        users.MapPost("/", async (CreateUser body, HttpContext ctx) =>
        {
            var user = await ctx.Send(body);
            return TypedResults.Created($"/api/v1/users/{user.Id}", user);
        }).WithSummary("Create a user with a first password to change at first sign-in (admin)").ProducesValidationProblem();

        users.MapPut("/{id:guid}", async (Guid id, UpdateUserBody body, HttpContext ctx) =>
                TypedResults.Ok(await ctx.Send(new UpdateUser(id, body.DisplayName, body.UnitId, body.Roles, body.Email, body.Phone, body.Version, body.SuccessorId))))
            .WithSummary("Change a user's name, unit, roles and contacts (admin; 409 if changed meanwhile; a move to another unit hands their open items to successorId)").ProducesValidationProblem();

        users.MapPost("/{id:guid}/disable", async (Guid id, Guid? successorId, HttpContext ctx) => Done(await ctx.Send(new SetUserDisabled(id, true, successorId))))
            .WithSummary("Disable a user and end their sessions (admin); a user owning open items needs ?successorId=, who takes every one of them")
            .ProducesValidationProblem();

        users.MapGet("/{id:guid}/open-items", async (Guid id, HttpContext ctx) => TypedResults.Ok(await ctx.Send(new GetOpenItems(id))))
            .WithSummary("What a user owns that is open, per kind (admin: is a successor needed?)");

        users.MapPost("/{id:guid}/enable", async (Guid id, HttpContext ctx) => Done(await ctx.Send(new SetUserDisabled(id, false))))
            .WithSummary("Re-enable a user (admin)");

        users.MapPost("/{id:guid}/password-reset", async (Guid id, ResetPasswordBody body, HttpContext ctx) =>
                Done(await ctx.Send(new ResetUserPassword(id, body.TemporaryPassword))))
            .WithSummary("Set a temporary password the user must change (admin)").ProducesValidationProblem();
    }

    private static Microsoft.AspNetCore.Http.HttpResults.NoContent Done(Done _) => TypedResults.NoContent();
}
