package io.kongsync.scm;

/** The git providers' REST APIs kongsync reports to. Bitbucket's two products have different APIs. */
public enum ScmApi {
    GITHUB("GitHub"),
    GITLAB("GitLab"),
    BITBUCKET_CLOUD("Bitbucket"),
    BITBUCKET_DATA_CENTER("Bitbucket Data Center");

    private final String displayName;

    ScmApi(String displayName) {
        this.displayName = displayName;
    }

    public String displayName() {
        return displayName;
    }
}
