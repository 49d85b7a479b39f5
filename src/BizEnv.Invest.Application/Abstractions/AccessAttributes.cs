using BizEnv.Invest.Domain.Identity;

namespace BizEnv.Invest.Application.Abstractions;

/// <summary>Only these roles may send the request. Without it any signed-in user may.</summary>
[AttributeUsage(AttributeTargets.Class, Inherited = false)]
public sealed class AllowRolesAttribute(params Role[] roles) : Attribute
{
    public IReadOnlyList<Role> Roles { get; } = roles;
}

/// <summary>The request may be sent without signing in (sign-in itself, health).</summary>
[AttributeUsage(AttributeTargets.Class, Inherited = false)]
public sealed class AnonymousAttribute : Attribute;
