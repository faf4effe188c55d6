# Compiler options shared by every Couverture target, carried by an
# INTERFACE target so each library opts in explicitly.
add_library(couverture_options INTERFACE)
target_compile_options(couverture_options INTERFACE -Wall -Wextra -Wpedantic -Wshadow
                                                    -Wconversion -Wno-sign-conversion)
if(COUVERTURE_WERROR)
  target_compile_options(couverture_options INTERFACE -Werror)
endif()
if(COUVERTURE_SANITIZE)
  target_compile_options(couverture_options INTERFACE -fsanitize=address,undefined
                                                      -fno-omit-frame-pointer -fno-sanitize-recover=all)
  target_link_options(couverture_options INTERFACE -fsanitize=address,undefined)
  # GCC 12 reports false "may be used uninitialized" inside libstdc++'s
  # std::regex and std::function once the sanitizers instrument them; the
  # Release build (no sanitizers) keeps the warning as an error.
  if(CMAKE_CXX_COMPILER_ID STREQUAL "GNU")
    target_compile_options(couverture_options INTERFACE -Wno-maybe-uninitialized)
  endif()
endif()

# Where the shared real data lives (tests skip cleanly when it is absent;
# benchmarks read it too): one definition for both.
set(COUVERTURE_SHARED_DATA "${PROJECT_SOURCE_DIR}/../shared/data" CACHE PATH "Shared real data folder")

# Every library folder has the same shape: include/couverture/<name>/*.hpp and src/*.cpp.
function(couverture_library name)
  file(GLOB_RECURSE sources CONFIGURE_DEPENDS ${CMAKE_CURRENT_SOURCE_DIR}/src/*.cpp)
  add_library(couverture_${name} STATIC ${sources})
  add_library(couverture::${name} ALIAS couverture_${name})
  target_include_directories(couverture_${name} PUBLIC ${CMAKE_CURRENT_SOURCE_DIR}/include)
  target_link_libraries(couverture_${name} PRIVATE couverture_options)
endfunction()
