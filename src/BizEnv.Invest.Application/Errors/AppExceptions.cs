namespace BizEnv.Invest.Application.Errors;

/// <summary>Not signed in (401).</summary>
public sealed class UnauthenticatedException() : Exception("auth.required");

/// <summary>Signed in but not allowed (403). <see cref="Code"/> is a translatable key.</summary>
public sealed class ForbiddenException(string code = "auth.forbidden") : Exception(code)
{
    public string Code { get; } = code;
}

/// <summary>The object does not exist, or the actor may not know that it does (404).</summary>
public sealed class NotFoundException(string objectType, object id) : Exception($"{objectType} {id} not found")
{
    public string ObjectType { get; } = objectType;
    public object Id { get; } = id;
}

/// <summary>Someone else changed the object since it was read (409); the user reloads and retries.</summary>
public sealed class ConcurrencyConflictException(string objectType, object id) : Exception($"{objectType} {id} was changed by someone else")
{
    public string ObjectType { get; } = objectType;
    public object Id { get; } = id;
}
