// The engine library; its use cases arrive in the files beside this one.
